import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeNotifier, MessageService } from '@estafette/store';
import { startTestServer, type ApiClient, type TestServer } from '../../../testing/test-server';
import { deliver, sampleMessage } from '../../pop3/testing/pop3-fixtures';
import { createUser } from '../../smtp/testing/smtp-fixtures';
import { ImapMessageRepository } from '../imap-message.repository';
import { ImapFolderIndex } from './imap-folder-index';

const LIMITS = { folder: 1000, total: 10_000 };

const POSTGRES = Boolean(process.env['DATABASE_URL']);

/** The folder index on PGlite against the real store: what it keeps, what it applies, when it lets go. */
describe('IMAP folder index', () => {
  let server: TestServer;
  let admin: ApiClient;
  let notifier: ChangeNotifier;
  let reads: ImapMessageRepository;
  let messages: MessageService;

  async function inboxWith(alias: string, count: number): Promise<{ id: string; folder: string }> {
    const user = await createUser(admin, alias);
    for (let i = 0; i < count; i++) await deliver(server, user.id, sampleMessage(`${alias} ${i}`));
    const [{ id: folder }] = await server.app
      .get(DataSource)
      .query<Array<{ id: string }>>(
        `SELECT f.id FROM folder f JOIN mailbox m ON m.id = f.mailbox_id WHERE m.recipient_id = $1 AND f.special_use = 'inbox'`,
        [user.id],
      );
    return { id: user.id, folder };
  }

  /** What the database holds of the folder, as the index keeps it. */
  async function stored(folder: string) {
    const read = await reads.snapshot(folder, LIMITS.folder);
    return { state: read.state, messages: read.messages };
  }

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login();
    notifier = server.app.get(ChangeNotifier);
    reads = server.app.get(ImapMessageRepository);
    messages = server.app.get(MessageService);
  });
  afterAll(async () => server?.close());

  it.skipIf(POSTGRES)('rests on PGlite announcing a change before the call that made it goes on', async () => {
    const { folder } = await inboxWith('ixheard', 2);
    expect(notifier.immediate).toBe(true);
    for (let i = 0; i < 5; i++) {
      const { modseq } = await messages.changeFlags(folder, [1], i % 2 ? 'remove' : 'add', ['\\Flagged']);
      expect(notifier.heardUpTo(folder)).toBeGreaterThanOrEqual(modseq);
    }
  });

  it.skipIf(POSTGRES)(
    "keeps a folder SELECT read, applies its sessions' changes, and matches the database throughout",
    async () => {
      const { folder } = await inboxWith('ixapply', 3);
      const index = new ImapFolderIndex(notifier, reads, LIMITS);
      const first = await index.snapshot(folder);
      expect(first.index).not.toBeNull();
      expect(index.current(folder)).toBe(first.index);

      const flagged = await messages.changeFlags(folder, [1, 2], 'add', ['\\Flagged', '$Work']);
      index.flagsChanged(folder, flagged.modseq, flagged.rows);
      const kept = index.current(folder);
      expect(kept).toBe(first.index);
      const after = await stored(folder);
      expect(kept?.all()).toEqual(after.messages);
      expect(kept?.state).toEqual(after.state);
      expect(kept?.counts()).toEqual({ unseen: 3, deleted: 0 });

      await messages
        .changeFlags(folder, [2], 'add', ['\\Deleted'])
        .then((r) => index.flagsChanged(folder, r.modseq, r.rows));
      const gone = await messages.expungeReporting(folder);
      index.expunged(folder, gone.modseq, gone.uids);
      expect(gone.uids).toEqual([2]);
      expect(index.current(folder)?.all()).toEqual((await stored(folder)).messages);
      expect(index.current(folder)?.state).toEqual((await stored(folder)).state);
    },
  );

  it.skipIf(POSTGRES)('lets go of a folder changed by anyone else, and reads it again at the next SELECT', async () => {
    const { id, folder } = await inboxWith('ixother', 2);
    const index = new ImapFolderIndex(notifier, reads, LIMITS);
    await index.snapshot(folder);
    expect(index.current(folder)).not.toBeNull();
    // A delivery is not applied to the index: its announcement makes the index stale.
    await deliver(server, id, sampleMessage('ixother late'));
    expect(index.current(folder)).toBeNull();
    const again = await index.snapshot(folder);
    expect(again.index?.all().map((m) => m.uid)).toEqual([1, 2, 3]);
    expect(again.index?.state.uidnext).toBe(4);
  });

  it.skipIf(POSTGRES)(
    'drops a folder when a change does not follow the MODSEQ it has, and ignores one it already has',
    async () => {
      const { folder } = await inboxWith('ixgap', 2);
      const index = new ImapFolderIndex(notifier, reads, LIMITS);
      const { index: kept } = await index.snapshot(folder);
      const modseq = kept?.modseq ?? 0;
      index.flagsChanged(folder, modseq, [{ uid: 1, flags: ['\\Answered'], modseq }]);
      expect(index.current(folder)?.all()[0].flags).toEqual([]);
      index.flagsChanged(folder, modseq + 2, [{ uid: 1, flags: ['\\Answered'], modseq: modseq + 2 }]);
      expect(index.current(folder)).toBeNull();
    },
  );

  it.skipIf(POSTGRES)(
    'keeps no folder over its size, and lets the least recently used folders go over the total',
    async () => {
      const a = await inboxWith('ixbig1', 3);
      const b = await inboxWith('ixbig2', 3);
      const small = new ImapFolderIndex(notifier, reads, { folder: 2, total: 100 });
      const read = await small.snapshot(a.folder);
      expect(read.index).toBeNull();
      expect(read.messages.map((m) => m.uid)).toEqual([1, 2, 3]);
      expect(small.current(a.folder)).toBeNull();

      const tight = new ImapFolderIndex(notifier, reads, { folder: 10, total: 4 });
      await tight.snapshot(a.folder);
      await tight.snapshot(b.folder);
      expect(tight.current(a.folder)).toBeNull();
      expect(tight.current(b.folder)).not.toBeNull();
    },
  );

  it.skipIf(POSTGRES)(
    'forgets everything on a folder list change (a dismount is one), and keeps no load that was overtaken',
    async () => {
      const { folder } = await inboxWith('ixlist', 1);
      const index = new ImapFolderIndex(notifier, reads, LIMITS);
      await index.snapshot(folder);
      notifier.folderListChanged();
      expect(index.current(folder)).toBeNull();

      const loading = index.snapshot(folder);
      index.forget(folder);
      expect((await loading).index).toBeNull();
      expect(index.current(folder)).toBeNull();
    },
  );

  it.runIf(POSTGRES)('stays off on PostgreSQL, where a change is heard after the call that made it', async () => {
    const { folder } = await inboxWith('ixpg', 2);
    expect(notifier.immediate).toBe(false);
    const index = new ImapFolderIndex(notifier, reads, LIMITS);
    expect(index.enabled).toBe(false);
    const read = await index.snapshot(folder);
    expect(read.index).toBeNull();
    expect(read.messages.map((m) => m.uid)).toEqual([1, 2]);
    expect(index.current(folder)).toBeNull();
  });
});
