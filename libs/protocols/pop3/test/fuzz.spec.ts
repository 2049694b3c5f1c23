import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pop3TestClient } from '../src/testing/pop3-test-client';
import { startPop3Server, type Pop3ServerFixture } from '../src/testing/server-fixture';

const KEYWORDS = ['USER', 'PASS', 'APOP', 'AUTH', 'STLS', 'CAPA', 'STAT', 'LIST', 'UIDL', 'RETR', 'TOP', 'DELE'];
const SAFE = ['NOOP', 'RSET', 'user alice', 'pass secret pass', 'LIST', 'STAT', 'UIDL 1', 'DELE 2'];

/** A command line: a known keyword with random arguments, a known good line, or random printable text. */
const line = fc.oneof(
  fc.tuple(fc.constantFrom(...KEYWORDS), fc.string({ maxLength: 40 })).map(([k, a]) => `${k} ${a}`),
  fc.constantFrom(...SAFE),
  fc.string({ maxLength: 80 }),
  fc
    .tuple(fc.constantFrom('RETR', 'TOP', 'LIST', 'DELE'), fc.integer({ min: -2, max: 5 }))
    .map(([k, n]) => `${k} ${n} 1`),
);

/** Lines without CR or LF (each is one command), never STLS/AUTH/QUIT (they change how lines are read). */
const command = line.map((l) => l.replace(/[\r\n]/g, ' ')).filter((l) => !/^\s*(stls|auth|quit)\b/i.test(l));

describe('POP3 fuzz (fast-check)', () => {
  let fixture: Pop3ServerFixture;
  beforeAll(async () => {
    fixture = await startPop3Server({ allowPlaintextAuth: true, maxLineBytes: 255 });
  });
  afterAll(async () => fixture.close());

  it('never crashes and answers each command with exactly one status line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), async (commands) => {
        const client = await Pop3TestClient.connect(fixture.port);
        try {
          expect(await client.readLine()).toMatch(/^\+OK/);
          for (const c of commands) {
            // CAPA, RETR and TOP answer with a listing; LIST and UIDL only without an argument (RFC 1939 §5).
            const [keyword = '', ...rest] = c.trim().split(/\s+/);
            const listing = /^(list|uidl)$/i.test(keyword) ? rest.length === 0 : /^(capa|retr|top)$/i.test(keyword);
            const status = await client.command(c);
            expect(status).toMatch(/^(\+OK|-ERR)/);
            if (listing && status.startsWith('+OK')) {
              for (let next = await client.readLine(); next !== '.'; next = await client.readLine())
                expect(next).not.toBeNull();
            }
          }
          // Nothing else is pending: a NOOP gets the very next line.
          expect(await client.command('NOOP')).toMatch(/^(\+OK|-ERR)/);
        } finally {
          await client.close();
        }
      }),
      { numRuns: 60 },
    );
    expect(fixture.errors).toEqual([]);
  });
});
