import { vi } from 'vitest';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { QUEUE_NAMESPACE, type BlobRef, type BlobStore, type Clock } from '@estafette/store';

/** A clock the test moves by hand (injected as STORE_CLOCK). */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-03-02T09:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const DAY_MS = 24 * 3600 * 1000;

/** The mailbox store first run created (First Storage Group / Mailbox Store). */
export async function firstMailboxStoreId(db: DataSource): Promise<string> {
  const [row] = await db.query<Array<{ id: string }>>(
    `SELECT id FROM information_store WHERE kind = 'mailbox' ORDER BY created_at LIMIT 1`,
  );
  return row.id;
}

/** A mailbox-enabled user homed on `storeId`, inserted directly (the recipients API is not under test here). */
export async function createUser(db: DataSource, alias: string, storeId: string | null): Promise<string> {
  const [row] = await db.query<Array<{ id: string }>>(
    `INSERT INTO recipient (kind, container_id, alias, display_name, mailbox_store_id, primary_smtp_address)
     SELECT 'user', id, $1::varchar, $1::varchar, $2::uuid, $1::varchar || '@test.example' FROM recipient_container
      WHERE parent_id IS NULL AND lower(name) = 'users'
     RETURNING id`,
    [alias, storeId],
  );
  return row.id;
}

export function rfc822(subject: string, body: string, extra: string[] = []): Buffer {
  return Buffer.from(
    [
      'From: Jane Doe <jane@example.com>',
      'To: team@test.example',
      `Subject: ${subject}`,
      'Date: Mon, 2 Mar 2026 09:00:00 +0000',
      `Message-ID: <${subject.replace(/\W/g, '')}@example.com>`,
      ...extra,
      '',
      body,
      '',
    ].join('\r\n'),
  );
}

/** Puts a message into the queue namespace, as the transport does before local delivery. */
export function queue(blobs: BlobStore, message: Buffer): Promise<BlobRef> {
  return blobs.put(QUEUE_NAMESPACE, Readable.from([message]));
}

/** The text of every statement run while `work` runs (every statement of the store passes DataSource.query). */
export async function statementsDuring<T>(
  db: DataSource,
  work: () => Promise<T>,
): Promise<{ result: T; sql: string[] }> {
  const sql: string[] = [];
  const query = db.query.bind(db);
  const spy = vi
    .spyOn(db, 'query')
    .mockImplementation((text: string, parameters?: Parameters<DataSource['query']>[1]) => {
      sql.push(text);
      return query(text, parameters);
    });
  try {
    return { result: await work(), sql };
  } finally {
    spy.mockRestore();
  }
}
