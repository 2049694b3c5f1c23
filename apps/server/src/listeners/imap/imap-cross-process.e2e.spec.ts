import { Readable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOB_STORE, MAILBOX_DELIVERY, QUEUE_NAMESPACE, type BlobStore, type MailboxDelivery } from '@estafette/store';
import { createApp } from '../../app.factory';
import { testConfig, type TestDatabase } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';
import { sampleMessage } from '../pop3/testing/pop3-fixtures';
import { createUser, PASSWORD } from '../smtp/testing/smtp-fixtures';
import { ImapSession } from './testing/imap-session';

/**
 * Two server processes on one PostgreSQL database (a second Nest application with its own connections and
 * its own LISTEN): a change stored by one reaches the IMAP sessions of the other through NOTIFY.
 * PostgreSQL only: embedded PGlite serves one process.
 */
describe.runIf(Boolean(process.env['DATABASE_URL']))('IMAP across server processes (PostgreSQL)', () => {
  let server: TestServer;
  let other: INestApplication;

  beforeAll(async () => {
    server = await startTestServer();
    // The same database as the first process (dropped with it), registered as a second server.
    const shared: TestDatabase = { url: server.config.databaseUrl ?? undefined, drop: async () => undefined };
    other = await createApp(testConfig(shared, { hostname: 'mail2.test.example' }), { logger: ['error'] });
    await other.init();
  });
  afterAll(async () => {
    await other?.close();
    await server?.close();
  });

  it('a session on one process in IDLE hears of a message delivered by the other', async () => {
    const admin = await server.login();
    const user = await createUser(admin, 'crossuser');
    const session = await ImapSession.open(server.ports['imaps'], 'crossuser', PASSWORD);
    try {
      expect((await session.command('SELECT INBOX')).untagged).toContain('* 0 EXISTS');
      session.send('w1 IDLE');
      await session.next((l) => l.startsWith('+ '));
      const blobs = other.get<BlobStore>(BLOB_STORE);
      const blob = await blobs.put(QUEUE_NAMESPACE, Readable.from([Buffer.from(sampleMessage('from mail2'))]));
      await other.get<MailboxDelivery>(MAILBOX_DELIVERY).deliver({ recipientId: user.id, blob });
      expect(await session.next((l) => l.endsWith('EXISTS'))).toBe('* 1 EXISTS');
      session.send('DONE');
      expect(await session.next((l) => l.startsWith('w1 '))).toMatch(/^w1 OK/);
    } finally {
      await session.close();
    }
  });
});
