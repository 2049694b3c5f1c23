const { PGlite } = require('@electric-sql/pglite');
const { preparedQuery } = require('./dist/server/apps/server/src/database/pglite-prepared.js');
(async () => {
  const db = new PGlite('/work/tools/pgdata');
  await db.waitReady;
  await db.listen('estafette_store', () => {});
  const f = (await db.query(`SELECT f.id, f.message_count FROM folder f WHERE f.message_count > 30 ORDER BY f.message_count DESC LIMIT 1`)).rows[0];
  const uids = (await db.query(`SELECT uid FROM message WHERE folder_id = $1 AND deleted_at IS NULL ORDER BY uid LIMIT 5`, [f.id])).rows.map(r => Number(r.uid));
  console.log(f, uids);
  const variants = process.argv.slice(2).length ? null : null;
  const V = {
    full: `WITH alloc AS ( UPDATE folder f SET highest_modseq = f.highest_modseq + 1, updated_at = now() FROM mailbox mb JOIN information_store s ON s.id = mb.information_store_id WHERE f.id = $1 AND mb.id = f.mailbox_id AND s.mounted RETURNING f.highest_modseq AS next),
       changed AS ( UPDATE message m SET flags = CASE WHEN m.flags @> $4::text[] THEN ARRAY(SELECT x FROM unnest(m.flags) x WHERE x <> ALL($4::text[])) ELSE m.flags || $4::text[] END, modseq = (SELECT next FROM alloc)
          WHERE m.folder_id = $1 AND m.uid = ANY($2::bigint[]) AND m.deleted_at IS NULL AND ($3::bigint IS NULL OR m.modseq <= $3::bigint) AND EXISTS (SELECT 1 FROM alloc) RETURNING m.uid, m.flags, m.modseq),
       journal AS (INSERT INTO folder_change (folder_id, modseq, kind, uid) SELECT $1, modseq, 'flags', uid FROM changed)
       SELECT a.next, m.uid, COALESCE(c.flags, m.flags) AS flags, COALESCE(c.modseq, m.modseq) AS modseq, c.uid IS NOT NULL AS changed,
              (SELECT count(*) FROM (SELECT pg_notify($5, $1::text || ':' || a.next) WHERE EXISTS (SELECT 1 FROM changed)) n) AS notified
         FROM alloc a LEFT JOIN message m ON m.folder_id = $1 AND m.uid = ANY($2::bigint[]) AND m.deleted_at IS NULL LEFT JOIN changed c ON c.uid = m.uid ORDER BY m.uid`,
  };
  V.nonotify = V.full.replace(`(SELECT count(*) FROM (SELECT pg_notify($5, $1::text || ':' || a.next) WHERE EXISTS (SELECT 1 FROM changed)) n)`, `length($5)`);
  V.nojournal = V.full.replace(`journal AS (INSERT INTO folder_change (folder_id, modseq, kind, uid) SELECT $1, modseq, 'flags', uid FROM changed)`, `journal AS (SELECT 1)`);
  V.simplealloc = V.full.replace(`UPDATE folder f SET highest_modseq = f.highest_modseq + 1, updated_at = now() FROM mailbox mb JOIN information_store s ON s.id = mb.information_store_id WHERE f.id = $1 AND mb.id = f.mailbox_id AND s.mounted RETURNING`, `UPDATE folder f SET highest_modseq = f.highest_modseq + 1 WHERE f.id = $1 RETURNING`);
  const simple = {
    msgonly: [`UPDATE message m SET flags = CASE WHEN m.flags @> $3::text[] THEN ARRAY(SELECT x FROM unnest(m.flags) x WHERE x <> ALL($3::text[])) ELSE m.flags || $3::text[] END, modseq = modseq + 1 WHERE m.folder_id = $1 AND m.uid = ANY($2::bigint[]) RETURNING m.uid`, (i) => [f.id, [uids[i % 5]], ['\\Flagged']]],
    folderonly: [`UPDATE folder f SET highest_modseq = f.highest_modseq + 1, updated_at = now() WHERE f.id = $1 RETURNING highest_modseq`, () => [f.id]],
    select1: [`SELECT $1::text AS x`, () => ['a']],
    notifyonly: [`SELECT pg_notify($1, 'x')`, () => ['estafette_store']],
  };
  const order = ['full', 'nonotify', 'nojournal', 'simplealloc', 'msgonly', 'folderonly', 'select1', 'notifyonly'];
  for (let round = 0; round < 2; round++)
  for (const k of order) {
    const [sql, args] = V[k] ? [V[k], (i) => [f.id, [uids[i % 5]], null, ['\\Flagged'], 'estafette_store']] : simple[k];
    for (let i = 0; i < 300; i++) await preparedQuery(db, sql, args(i));
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) await preparedQuery(db, sql, args(i));
    console.log(k.padEnd(12), ((performance.now() - t0) / 2000 * 1000).toFixed(0), 'us');
  }
  await db.close();
})();
