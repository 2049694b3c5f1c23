import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SmtpListenerOptions } from '../src/lib/session/listener-options';
import type { SmtpMode } from '../src/lib/session/smtp-mode';
import { startListener, type ListenerFixture } from '../src/testing/listener-fixture';
import { playTranscript, SmtpTestClient } from '../src/testing/smtp-test-client';

const DIR = join(__dirname, 'transcripts');

/** "# mode: x" and "# options: {json}" lines configure the listener a transcript runs against. */
function directives(text: string): Partial<SmtpListenerOptions> {
  const mode = /^# mode: (\w+)$/m.exec(text)?.[1] as SmtpMode | undefined;
  const options = /^# options: (.+)$/m.exec(text)?.[1];
  return { mode: mode ?? 'mx', maxMessageBytes: 1024 * 1024, ...(options ? JSON.parse(options) : {}) };
}

describe('SMTP transcripts (real socket, in-memory backend)', () => {
  let fixture: ListenerFixture | undefined;
  afterEach(async () => fixture?.close());

  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.smtp'))
    .sort()) {
    it(file.replace(/\.smtp$/, ''), async () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      fixture = await startListener(directives(text));
      const client = await SmtpTestClient.connect(fixture.port);
      await playTranscript(client, text);
      await client.close();
      expect(fixture.errors).toEqual([]);
    });
  }

  it('hands the envelope over with the DSN parameters decoded', async () => {
    fixture = await startListener({ maxMessageBytes: 1024 * 1024 });
    const client = await SmtpTestClient.connect(fixture.port);
    await playTranscript(client, readFileSync(join(DIR, 'mx-local-delivery.smtp'), 'utf8'));
    const [message] = fixture.backend.messages;
    expect(message.envelope.sender).toEqual({
      address: 'alice@remote.example',
      declaredSize: 120,
      bodyType: '7bit',
      smtpUtf8: false,
      dsn: { ret: 'HDRS', envelopeId: 'abc+def' },
    });
    expect(message.envelope.recipients).toEqual([
      {
        address: 'bob@test.example',
        dsn: { notify: ['SUCCESS', 'FAILURE'], originalRecipient: { type: 'rfc822', address: 'bob@test.example' } },
      },
    ]);
    const text = message.data.toString();
    expect(text).toMatch(
      /^Received: from client\.example \(\[127\.0\.0\.1\]\)\r\n\tby mx\.test\.example \(Estafette\) with ESMTP id /,
    );
    expect(text).toMatch(/\r\n\tfor <bob@test\.example>;\r\n\t\w{3}, \d{1,2} \w{3} \d{4} \d\d:\d\d:\d\d \+0000\r\n/);
    expect(text).toMatch(/\r\nMessage-ID: <[^>]+@mx\.test\.example>\r\n/);
    // Dot-unstuffed (RFC 5321 §4.5.2).
    expect(text.endsWith('Hi Bob.\r\n.a line that starts with a dot\r\n')).toBe(true);
    await client.close();
  });
});
