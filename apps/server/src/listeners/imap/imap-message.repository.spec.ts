import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageService } from '@estafette/store';
import { startTestServer, type TestServer } from '../../testing/test-server';
import { deliver, sampleMessage } from '../pop3/testing/pop3-fixtures';
import { createUser } from '../smtp/testing/smtp-fixtures';
import { ImapMessageRepository } from './imap-message.repository';

describe('IMAP message repository: the SELECT snapshot', () => {
  let server: TestServer;
  let repository: ImapMessageRepository;
  let inbox: string;

  beforeAll(async () => {
    server = await startTestServer();
    repository = server.app.get(ImapMessageRepository);
    const admin = await server.login();
    const user = await createUser(admin, 'snapper');
    for (const subject of ['one', 'two', 'three']) await deliver(server, user.id, sampleMessage(subject));
    const db = server.app.get(DataSource);
    [{ folder_id: inbox }] = await db.query<Array<{ folder_id: string }>>(
      `SELECT DISTINCT m.folder_id FROM message m JOIN folder f ON f.id = m.folder_id JOIN mailbox x ON x.id = f.mailbox_id
        WHERE x.recipient_id = $1`,
      [user.id],
    );
  });
  afterAll(async () => server?.close());

  it('lists every live message in UID order with its MODSEQ and flags, whatever the keywords hold', async () => {
    const messages = server.app.get(MessageService);
    // Keywords written through the store API need not be IMAP atoms: the snapshot must carry them intact.
    await messages.changeFlags(inbox, [2], 'add', ['\\Seen', 'two words', 'quote"and\\backslash', 'línea\nnueva']);
    await messages.changeFlags(inbox, [3], 'add', ['\\Deleted']);
    await messages.expunge(inbox);
    const { state, messages: listed } = await repository.snapshot(inbox);
    expect(state).toMatchObject({ folderId: inbox, uidnext: 4, mounted: true });
    expect(listed.map((m) => m.uid)).toEqual([1, 2]);
    expect(listed[0].flags).toEqual([]);
    expect(listed[1].flags).toEqual(['\\Seen', 'two words', 'quote"and\\backslash', 'línea\nnueva']);
    expect(typeof listed[1].modseq).toBe('bigint');
    expect(listed[1].modseq > listed[0].modseq).toBe(true);
  });

  it('an empty folder has counters and no messages; a folder that does not exist has neither', async () => {
    const messages = server.app.get(MessageService);
    await messages.changeFlags(inbox, [1, 2], 'add', ['\\Deleted']);
    await messages.expunge(inbox);
    expect(await repository.snapshot(inbox)).toMatchObject({ state: { folderId: inbox }, messages: [] });
    expect(await repository.snapshot(randomUUID())).toEqual({ state: null, messages: [], complete: false });
  });

  it("a complete snapshot (up to a size) carries each message's size, date and blob for the folder index", async () => {
    const user = await createUser(await server.login(), 'snapper2');
    for (const subject of ['a', 'b']) await deliver(server, user.id, sampleMessage(subject));
    const db = server.app.get(DataSource);
    const [{ folder_id: folder }] = await db.query<Array<{ folder_id: string }>>(
      `SELECT DISTINCT m.folder_id FROM message m JOIN folder f ON f.id = m.folder_id JOIN mailbox x ON x.id = f.mailbox_id
        WHERE x.recipient_id = $1`,
      [user.id],
    );
    const rows = await repository.byUids(folder, [1, 2], { envelope: false, bodyStructure: false });
    const complete = await repository.snapshot(folder, 2);
    expect(complete.complete).toBe(true);
    expect(complete.messages).toEqual(
      rows.map((r) => ({
        uid: r.uid,
        modseq: r.modseq,
        flags: r.flags,
        size: r.size,
        internalDate: r.internalDate,
        sha256: r.sha256,
        informationStoreId: r.informationStoreId,
      })),
    );
    // Over the size: the light list only.
    const light = await repository.snapshot(folder, 1);
    expect(light.complete).toBe(false);
    expect(light.messages).toEqual(rows.map((r) => ({ uid: r.uid, modseq: r.modseq, flags: r.flags })));
  });
});
