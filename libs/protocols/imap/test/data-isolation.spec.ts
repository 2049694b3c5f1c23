import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImapTestClient } from '../src/testing/imap-test-client';
import { seedSampleMailbox } from '../src/testing/sample-messages';
import { startImapServer, type ImapServerFixture } from '../src/testing/server-fixture';

/**
 * Data isolation (issue 4): alice sends random streams of mailbox and message commands, many of them
 * naming carol's mailboxes; nothing of carol's ever reaches alice — not her message content, not the
 * names of mailboxes alice never typed — and none of alice's commands changes carol's mailboxes.
 */
const CAROL_SECRET = 'CAROL-SECRET-7f3a';
const CAROL_HIDDEN_BOX = 'Hidden-Q7x';

const TARGETS = ['INBOX', 'Archive', 'CarolPrivate', 'carolprivate', 'Other Users/carol/CarolPrivate', '"*"', '%'];

const COMMANDS = [
  (t: string) => `SELECT ${t}`,
  (t: string) => `EXAMINE ${t}`,
  (t: string) => `STATUS ${t} (MESSAGES UIDNEXT UNSEEN HIGHESTMODSEQ)`,
  (t: string) => `COPY 1:* ${t}`,
  (t: string) => `MOVE 1 ${t}`,
  (t: string) => `APPEND ${t} {4+}\r\nabcd`,
  (t: string) => `LIST "" ${t}`,
  (t: string) => `LSUB "" ${t}`,
  (t: string) => `SUBSCRIBE ${t}`,
  () => 'LIST "" *',
  () => 'FETCH 1:* (FLAGS BODY.PEEK[] ENVELOPE BODYSTRUCTURE)',
  () => 'UID FETCH 1:* RFC822',
  () => 'UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1)',
  () => 'SEARCH TEXT CAROL',
  () => 'STORE 1:* +FLAGS (\\Deleted)',
  () => 'EXPUNGE',
  () => 'UNSELECT',
  () => 'NOOP',
];

const step = fc.record({ command: fc.nat({ max: COMMANDS.length - 1 }), target: fc.constantFrom(...TARGETS) });

async function readAll(client: ImapTestClient): Promise<string[]> {
  const lines: string[] = [];
  for (;;) {
    const line = await client.readLine(5000);
    if (line === null) return lines;
    lines.push(line);
  }
}

describe('data isolation between users (fast-check, real socket)', () => {
  let fixture: ImapServerFixture;
  beforeAll(async () => {
    fixture = await startImapServer({ allowPlaintextAuth: true });
    seedSampleMailbox(fixture.backend);
    fixture.backend.addMailbox('alice', 'Archive');
    fixture.backend.addUser('carol', 'carols-password');
    fixture.backend.addMailbox('carol', 'CarolPrivate');
    fixture.backend.addMailbox('carol', CAROL_HIDDEN_BOX);
    for (const box of ['INBOX', 'CarolPrivate', CAROL_HIDDEN_BOX]) {
      fixture.backend.deliver('carol', box, { raw: `Subject: ${CAROL_SECRET}\r\n\r\n${CAROL_SECRET} body\r\n` });
    }
  });
  afterAll(async () => fixture.close());

  it("never shows alice carol's messages or unnamed mailboxes, and never changes carol's data", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 20 }), async (steps) => {
        const client = await fixture.connect();
        let stream = 'i0 LOGIN alice secret\r\n';
        steps.forEach((s, i) => (stream += `i${i + 1} ${COMMANDS[s.command](s.target)}\r\n`));
        client.write(`${stream}iz LOGOUT\r\n`);
        const lines = await readAll(client);
        const text = lines.join('\n');
        expect(text).toContain('iz OK LOGOUT');
        expect(text).not.toContain(CAROL_SECRET);
        expect(text).not.toContain(CAROL_HIDDEN_BOX);
        // Alice may type carol's mailbox names; no untagged response may confirm or list them.
        expect(lines.filter((l) => l.startsWith('* ') && /carol/i.test(l))).toEqual([]);
        const carol = await fixture.connect();
        await carol.readLine();
        await carol.command('c1 LOGIN carol carols-password');
        const status = await carol.command('c2 STATUS CarolPrivate (MESSAGES)');
        expect(status[0]).toBe('* STATUS "CarolPrivate" (MESSAGES 1)');
        const inbox = await carol.command('c3 STATUS INBOX (MESSAGES)');
        expect(inbox[0]).toBe('* STATUS "INBOX" (MESSAGES 1)');
        await carol.close();
        await client.close();
        expect(fixture.errors).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
