import type { DataSource } from 'typeorm';

/**
 * Fills a folder to `total` live messages with SQL (batched INSERT … SELECT from generate_series, cloned
 * from its message UID 1 with varied subject, sender, flags, dates and full-text vector), and keeps the folder
 * counters and the blob's reference count as the store would. A test fixture for large-mailbox behaviour:
 * 50,000 SMTP sessions would test the transport, not the mailbox.
 */
export async function fillFolder(db: DataSource, folderId: string, total: number, batch = 10_000): Promise<void> {
  for (let first = 2; first <= total; first += batch) {
    const last = Math.min(total, first + batch - 1);
    await db.query(
      `WITH bulk AS (
         INSERT INTO message (folder_id, uid, modseq, flags, internal_date, size, information_store_id, blob_sha256,
           message_id, subject, from_address, to_addresses, cc_addresses, sent_at, in_reply_to, message_references,
           envelope, body_structure)
         SELECT t.folder_id, g, g + 1, CASE WHEN g % 3 = 0 THEN ARRAY['\\Seen'] ELSE '{}'::text[] END,
                timestamptz '2026-01-01T00:00:00Z' + g * interval '1 minute', t.size, t.information_store_id,
                t.blob_sha256, '<bulk' || g || '@test.example>', 'Bulk message ' || g,
                'Sender ' || (g % 100) || ' <sender' || (g % 100) || '@example.com>', t.to_addresses, '',
                t.sent_at, NULL, '{}', t.envelope, t.body_structure
           FROM message t, generate_series($2::int, $3::int) AS g
          WHERE t.folder_id = $1 AND t.uid = 1
         RETURNING id, uid)
       INSERT INTO message_fulltext (message_id, search_vector)
         SELECT id, to_tsvector('simple', 'Bulk message ' || uid || ' sender' || (uid % 100) || '@example.com')
           FROM bulk`,
      [folderId, first, last],
    );
  }
  await db.query(
    `WITH totals AS (SELECT count(*) AS n, sum(size) AS bytes, max(uid) AS uid, max(modseq) AS modseq
                       FROM message WHERE folder_id = $1 AND deleted_at IS NULL)
     UPDATE folder f SET message_count = t.n, size_bytes = t.bytes, uidnext = t.uid + 1,
            highest_modseq = greatest(f.highest_modseq, t.modseq)
       FROM totals t WHERE f.id = $1`,
    [folderId],
  );
  await db.query(
    `UPDATE store_blob b SET refcount = r.n
       FROM (SELECT information_store_id, blob_sha256, count(*) AS n FROM message
              GROUP BY information_store_id, blob_sha256) r
      WHERE b.information_store_id = r.information_store_id AND b.sha256 = r.blob_sha256`,
  );
  await db.query(`ANALYZE message`);
}
