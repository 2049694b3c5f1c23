import type { InMemoryImapBackend } from './in-memory-backend';

/** A plain text message. */
export const PLAIN_MESSAGE = [
  'Date: Mon, 7 Feb 1994 21:52:25 -0800',
  'From: Fred Foobar <foobar@Blurdybloop.example>',
  'Subject: afternoon meeting',
  'To: mooch@owatagu.example',
  'Message-Id: <B27397-0100000@Blurdybloop.example>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=us-ascii',
  '',
  'Hello Joe, do you think we can meet at 3:30 tomorrow?',
  '',
].join('\r\n');

/** multipart/mixed: a text part, and a message/rfc822 part holding a multipart/alternative. */
export const MULTIPART_MESSAGE = [
  'Date: Tue, 8 Feb 1994 10:00:00 +0000',
  'From: =?utf-8?Q?J=C3=BCrgen?= <juergen@example.org>',
  'To: alice@example.com, Bob <bob@example.com>',
  'Cc: team: carol@example.com;',
  'Subject: Forwarded report',
  'In-Reply-To: <parent@example.org>',
  'Message-Id: <multi@example.org>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  'preamble',
  '--outer',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'See the attached report.',
  '--outer',
  'Content-Type: message/rfc822',
  'Content-Disposition: attachment; filename="report.eml"',
  '',
  'From: reports@example.net',
  'Subject: Weekly report',
  'Content-Type: multipart/alternative; boundary=inner',
  '',
  '--inner',
  'Content-Type: text/plain',
  '',
  'Numbers are up.',
  '--inner',
  'Content-Type: text/html',
  'Content-Language: en',
  '',
  '<p>Numbers are up.</p>',
  '--inner--',
  '',
  '--outer--',
  'epilogue',
  '',
].join('\r\n');

/** Alice's INBOX: three messages (UIDs 1-3), the first seen, the third flagged. */
export function seedSampleMailbox(backend: InMemoryImapBackend, username = 'alice'): void {
  const day = (d: number): Date => new Date(Date.UTC(2024, 0, d, 12, 0, 0));
  backend.deliver(username, 'INBOX', { raw: PLAIN_MESSAGE, flags: ['\\Seen'], internalDate: day(1) });
  backend.deliver(username, 'INBOX', { raw: MULTIPART_MESSAGE, internalDate: day(2) });
  backend.deliver(username, 'INBOX', {
    raw: 'From: bob@example.com\r\nSubject: short\r\n\r\nhi\r\n',
    flags: ['\\Flagged', '$Important'],
    internalDate: day(3),
  });
}
