import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildDsn, dsnKind, type DsnInput } from './dsn-builder';

const ORIGINAL = [
  'Received: from client.example (client.example [192.0.2.1])',
  '\tby mail1.test.example with ESMTPA id 01ABCDEFGHJKMN; Sat, 28 Nov 2026 12:00:00 +0000',
  'From: Ann <ann@test.example>',
  'To: bob@remote.example',
  'Subject: Quarterly figures',
  'Message-ID: <orig@test.example>',
  '',
].join('\r\n');

function input(overrides: Partial<DsnInput> = {}): DsnInput {
  return {
    reportingMta: 'mail1.test.example',
    from: 'postmaster@test.example',
    to: 'ann@test.example',
    date: new Date('2026-11-28T12:05:00Z'),
    messageId: '<dsn-1@mail1.test.example>',
    boundary: 'b1-report',
    originalEnvelopeId: 'ENV-42',
    arrivalDate: new Date('2026-11-28T12:00:00Z'),
    originalSubject: 'Quarterly figures',
    recipients: [
      {
        finalRecipient: 'bob@remote.example',
        originalRecipient: 'rfc822;bob@remote.example',
        action: 'failed',
        status: '5.1.1',
        remoteMta: 'mx.remote.example',
        diagnostic: '550 5.1.1 <bob@remote.example>: no such user',
        lastAttemptDate: new Date('2026-11-28T12:04:00Z'),
      },
    ],
    returned: { kind: 'headers', content: Buffer.from(ORIGINAL) },
    ...overrides,
  };
}

/**
 * The body of the part with this content type. mailparser folds message/delivery-status into the
 * text, so the parts are split here by the boundary mailparser read from the top-level header.
 */
function partOf(raw: Buffer, boundary: string, contentType: string): string | undefined {
  const parts = raw.toString('utf8').split(`--${boundary}`).slice(1, -1);
  for (const part of parts) {
    const [head, ...body] = part.replace(/^\r\n/, '').split('\r\n\r\n');
    if (new RegExp(`^content-type: ${contentType}`, 'im').test(head)) return body.join('\r\n\r\n');
  }
  return undefined;
}

/** RFC 3464 §2.1: groups of fields separated by blank lines. */
function fieldGroups(text: string): Array<Record<string, string>> {
  return text
    .trim()
    .split(/\r?\n\r?\n/)
    .map((block) =>
      Object.fromEntries(
        block.split(/\r?\n/).map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
        }),
      ),
    );
}

describe('DSN builder (RFC 3464)', () => {
  it('builds a multipart/report that parses back', async () => {
    const raw = buildDsn(input());
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('Undeliverable: Quarterly figures');
    expect(mail.from?.value[0].address).toBe('postmaster@test.example');
    expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
    const contentType = mail.headers.get('content-type') as { value: string; params: Record<string, string> };
    expect(contentType.value).toBe('multipart/report');
    expect(contentType.params['report-type']).toBe('delivery-status');
    expect(mail.text).toContain('Your message did not reach some or all of the intended recipients.');
    expect(mail.text).toContain('<mail1.test.example #5.1.1>');

    expect(mail.text).toContain('Action: failed');
    const status = partOf(raw, contentType.params['boundary'], 'message/delivery-status');
    expect(status).toBeDefined();
    const [perMessage, perRecipient] = fieldGroups(status ?? '');
    expect(perMessage).toEqual({
      'reporting-mta': 'dns;mail1.test.example',
      'original-envelope-id': 'ENV-42',
      'arrival-date': 'Sat, 28 Nov 2026 12:00:00 +0000',
    });
    expect(perRecipient).toEqual({
      'original-recipient': 'rfc822;bob@remote.example',
      'final-recipient': 'rfc822;bob@remote.example',
      action: 'failed',
      status: '5.1.1',
      'remote-mta': 'dns;mx.remote.example',
      'diagnostic-code': 'smtp;550 5.1.1 <bob@remote.example>: no such user',
      'last-attempt-date': 'Sat, 28 Nov 2026 12:04:00 +0000',
    });

    const headers = mail.attachments.find((a) => a.contentType === 'text/rfc822-headers');
    expect(headers?.content.toString('utf8')).toContain('Message-ID: <orig@test.example>');
    expect(headers?.content.toString('utf8')).not.toContain('Quarterly figures are attached');
  });

  it('returns the whole message for RET=FULL and reports delays with their retry limit', async () => {
    const message = Buffer.from(`${ORIGINAL}\r\nQuarterly figures are attached.\r\n`);
    const raw = buildDsn(
      input({
        returned: { kind: 'message', content: message },
        recipients: [
          {
            finalRecipient: 'bob@remote.example',
            action: 'delayed',
            status: '4.4.1',
            diagnostic: 'connection refused',
            willRetryUntil: new Date('2026-11-30T12:00:00Z'),
          },
        ],
      }),
    );
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('Delayed: Quarterly figures');
    const status = partOf(raw, 'b1-report', 'message/delivery-status');
    const [, recipient] = fieldGroups(status ?? '');
    expect(recipient).toMatchObject({
      action: 'delayed',
      status: '4.4.1',
      'diagnostic-code': 'x-estafette;connection refused',
      'will-retry-until': 'Mon, 30 Nov 2026 12:00:00 +0000',
    });
    const returned = mail.attachments.find((a) => a.contentType === 'message/rfc822');
    expect(returned?.content.toString('utf8')).toContain('Quarterly figures are attached.');
  });

  it('encodes a non-ASCII subject and keeps fields on one line', async () => {
    const raw = buildDsn(
      input({
        originalSubject: 'Zahlen für März',
        recipients: [
          {
            finalRecipient: 'x@remote.example',
            action: 'failed',
            status: '5.0.0',
            diagnostic: '554 bad\r\nInjected: yes',
          },
        ],
      }),
    );
    expect(raw.toString('utf8')).not.toMatch(/^Injected:/m);
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('Undeliverable: Zahlen für März');
  });

  it('names its kind after the worst outcome', () => {
    expect(dsnKind([{ finalRecipient: 'a', action: 'delivered', status: '2.0.0' }])).toBe('success');
    expect(
      dsnKind([
        { finalRecipient: 'a', action: 'delivered', status: '2.0.0' },
        { finalRecipient: 'b', action: 'failed', status: '5.1.1' },
      ]),
    ).toBe('failure');
    expect(() => buildDsn(input({ recipients: [] }))).toThrow();
  });
});
