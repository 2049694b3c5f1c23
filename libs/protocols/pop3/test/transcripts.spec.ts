import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Pop3ServerOptions } from '../src/lib/server/pop3-server-options';
import { playTranscript, Pop3TestClient } from '../src/testing/pop3-test-client';
import { startPop3Server, type Pop3ServerFixture } from '../src/testing/server-fixture';

const DIR = join(__dirname, 'transcripts');

/** "# options: {json}" configures the server a transcript runs against. */
function options(text: string): Partial<Pop3ServerOptions> {
  const json = /^# options: (.+)$/m.exec(text)?.[1];
  return json ? (JSON.parse(json) as Partial<Pop3ServerOptions>) : {};
}

describe('POP3 transcripts (real socket, in-memory backend)', () => {
  let fixture: Pop3ServerFixture | undefined;
  afterEach(async () => fixture?.close());

  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.pop3'))
    .sort()) {
    it(file.replace(/\.pop3$/, ''), async () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      fixture = await startPop3Server(options(text));
      const client = await Pop3TestClient.connect(fixture.port);
      await playTranscript(client, text);
      await client.close();
      expect(fixture.errors.map((e) => e.stack)).toEqual([]);
      expect(fixture.backend.locked.size).toBe(0);
    });
  }

  it('dele-rset: QUIT removed message 2 only', async () => {
    fixture = await startPop3Server({ allowPlaintextAuth: true });
    const client = await Pop3TestClient.connect(fixture.port);
    await playTranscript(client, readFileSync(join(DIR, 'dele-rset.pop3'), 'utf8'));
    expect(fixture.backend.maildrops.get('alice')?.map((m) => m.uid)).toEqual(['uid-1', 'uid-3']);
  });
});
