import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapTestClient } from '../src/testing/imap-test-client';
import { seedSampleMailbox } from '../src/testing/sample-messages';
import { startImapServer, type ImapServerFixture } from '../src/testing/server-fixture';

/**
 * Random and mutated command streams into a real connection (issue 4): the server never reports an
 * internal error, every tagged command gets exactly one tagged response, in order, or the connection
 * ends with BYE; and the server still serves a fresh connection afterwards.
 */

const VALID_BODIES = [
  'CAPABILITY',
  'NOOP',
  'LOGIN alice secret',
  'LOGIN "alice" "wrong"',
  'LOGIN {5+}\r\nalice {6+}\r\nsecret',
  'AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==',
  'AUTHENTICATE PLAIN =',
  'ID ("name" "fuzz" "version" NIL)',
  'ID NIL',
  'ENABLE CONDSTORE UTF8=ACCEPT',
  'SELECT INBOX',
  'UID FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (FROM)])',
  'SELECT INBOX (CONDSTORE)',
  'EXAMINE "INBOX"',
  'SELECT Entw&APw-rfe',
  'FETCH 1:* ALL',
  'FETCH 2 (BODY.PEEK[2.1.MIME] BODY[2.HEADER.FIELDS.NOT (To)]<0.10> BODYSTRUCTURE ENVELOPE)',
  'UID FETCH 1:* (FLAGS MODSEQ) (CHANGEDSINCE 1)',
  'FETCH * (RFC822.SIZE RFC822.HEADER INTERNALDATE UID)',
  'STORE 1:* +FLAGS.SILENT (\\Seen $Fuzz)',
  'UID STORE 1:2 (UNCHANGEDSINCE 3) -FLAGS (\\Flagged)',
  'COPY 1:* Archive',
  'UID MOVE 3 Archive',
  'STORE 2 +FLAGS (\\Deleted)',
  'EXPUNGE',
  'UID EXPUNGE 1:3',
  'CHECK',
  'CLOSE',
  'UNSELECT',
  'APPEND INBOX (\\Seen) " 1-Jan-2024 00:00:00 +0000" {15+}\r\nSubject: fuzz\r\n',
  'LIST "" *',
  'LIST (SUBSCRIBED RECURSIVEMATCH) "" (% "Other Users/*") RETURN (CHILDREN STATUS (MESSAGES UNSEEN SIZE))',
  'LSUB "" %',
  'CREATE Fuzz/Child (USE (\\Drafts))',
  'RENAME Fuzz "Fuzz 2"',
  'DELETE "Fuzz 2/Child"',
  'SUBSCRIBE Fuzz',
  'STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE)',
  'NAMESPACE',
  'SEARCH CHARSET UTF-8 OR (FROM "a" SINCE 1-Feb-2024) NOT (2:* UID 1,3:*) LARGER 10 HEADER X-Y ""',
  'UID SEARCH RETURN (MIN MAX COUNT ALL) MODSEQ "/flags/\\\\Seen" all 1 KEYWORD $Fuzz',
  'SEARCH BEFORE "1-Jan-2025" SENTON 2-Feb-2024 TEXT {4+}\r\nfuzz',
  'SORT (REVERSE SUBJECT DISPLAYFROM) UTF-8 UNSEEN',
  'UID THREAD REFERENCES US-ASCII ALL',
  'GETQUOTAROOT INBOX',
  'SETACL INBOX bob +lr',
  'GETACL INBOX',
  'MYRIGHTS INBOX',
  'LISTRIGHTS INBOX bob',
  'LOGOUT',
];

const ALPHABET = ' ()[]{}<>"\\*%+~:,.0123456789ABCxyz\x00\x01\x7f\u00e9';

const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(body: string, mutations: readonly Mutation[]): string {
  let out = body;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else out = out.slice(0, at);
  }
  return out;
}

/**
 * Keeps each generated command one command: line breaks only where a valid body has its literals,
 * no literal marker at the end of a line (it would swallow the next command) and no exchanges that
 * read further lines (STARTTLS, AUTHENTICATE without an initial response).
 */
function sanitise(body: string, pristine: boolean): string {
  if (pristine) return body;
  let out = body.replace(/[\r\n]/g, ' ');
  if (/~?\{\d*\+?\}?$/.test(out)) out += ' x';
  // IDLE, like those, reads the next line itself (RFC 2177 DONE).
  if (/^\s*(starttls|authenticate|idle)/i.test(out) && !/^AUTHENTICATE \S+ \S+/i.test(out)) out = `X${out}`;
  return out;
}

const command = fc.record({
  body: fc.constantFrom(...VALID_BODIES),
  mutations: fc.array(mutation, { maxLength: 3 }),
  random: fc.option(fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 40 }), { freq: 5 }),
});

async function readAll(client: ImapTestClient): Promise<string[]> {
  const lines: string[] = [];
  for (;;) {
    const line = await client.readLine(5000);
    if (line === null) return lines;
    lines.push(line);
  }
}

describe('IMAP parser fuzz (fast-check, real socket)', () => {
  let fixture: ImapServerFixture;
  beforeAll(async () => {
    fixture = await startImapServer({ allowPlaintextAuth: true, maxLineBytes: 2048, maxLiteralBytes: 1024 });
    seedSampleMailbox(fixture.backend);
    fixture.backend.addMailbox('alice', 'Archive');
  });
  afterAll(async () => fixture.close());

  it('answers every tagged command exactly once, in order, or ends with BYE', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), async (commands) => {
        const client = await fixture.connect();
        const tags: string[] = [];
        let stream = '';
        commands.forEach((c, i) => {
          const pristine = c.random === null && c.mutations.length === 0;
          const body = sanitise(c.random ?? mutate(c.body, c.mutations), pristine);
          tags.push(`f${i}`);
          stream += `f${i} ${body}\r\n`;
        });
        stream += 'fz LOGOUT\r\n';
        tags.push('fz');
        client.write(stream);
        const lines = await readAll(client);
        const answered = lines.map((l) => /^(f\d+|fz) /.exec(l)?.[1]).filter((t): t is string => t !== undefined);
        expect(answered).toEqual(tags.slice(0, answered.length));
        if (answered.length < tags.length) expect(lines.some((l) => l.startsWith('* BYE'))).toBe(true);
        expect(fixture.errors).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('survives arbitrary bytes and keeps serving new connections', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) => {
        const client = await fixture.connect();
        client.write(Buffer.from(bytes));
        await client.close();
        const probe = await fixture.connect();
        expect(await probe.readLine()).toMatch(/^\* OK /);
        expect(await probe.command('p1 NOOP')).toEqual(['p1 OK NOOP completed']);
        await probe.close();
        expect(fixture.errors).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
