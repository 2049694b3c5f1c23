import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImapServerOptions } from '../src/lib/server/imap-server-options';
import { playTranscript } from '../src/testing/imap-test-client';
import { startImapServer, type ImapServerFixture } from '../src/testing/server-fixture';
import { TRANSCRIPT_SEEDS } from '../src/testing/transcript-seeds';

const DIR = join(__dirname, 'transcripts');

/** "# options: {json}" configures the server; "# tls: implicit" connects with TLS from the start. */
function directives(text: string): { options: Partial<ImapServerOptions>; tls: boolean } {
  const options = /^# options: (.+)$/m.exec(text)?.[1];
  return {
    options: { allowPlaintextAuth: true, ...(options ? (JSON.parse(options) as Partial<ImapServerOptions>) : {}) },
    tls: /^# tls: implicit$/m.test(text),
  };
}

describe('IMAP transcripts (real socket, in-memory backend)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.imap'))
    .sort()) {
    it(file.replace(/\.imap$/, ''), async () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      const { options, tls } = directives(text);
      fixture = await startImapServer({ ...options, implicitTls: tls });
      // "# seed: <name>" fills the in-memory backend first (src/testing/transcript-seeds.ts).
      for (const [, seed] of text.matchAll(/^# seed: (\S+)$/gm)) TRANSCRIPT_SEEDS[seed](fixture.backend);
      const client = await fixture.connect({ tls });
      await playTranscript(client, text);
      await client.close();
      expect(fixture.errors).toEqual([]);
    });
  }
});
