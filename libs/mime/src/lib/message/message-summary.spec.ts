import { describe, expect, it } from 'vitest';
import type { MultipartStructure, SinglePartStructure } from './message.model';
import { summarizeMessage } from './message-summary';

const crlf = (lines: string[], encoding: BufferEncoding = 'utf8'): Buffer => Buffer.from(lines.join('\r\n'), encoding);

const PLAIN = crlf([
  'Return-Path: <jane@example.com>',
  'Received: from mx.example.com by mail1.test.example;',
  '\tTue, 1 Jul 2003 10:52:37 +0200',
  'From: Jane Doe <jane@example.com>',
  'To: "Smith, John" <john@test.example>, bob@test.example',
  'Cc: undisclosed-recipients:;',
  'Subject: Lunch',
  '  tomorrow?',
  'Date: Tue, 1 Jul 2003 10:52:37 +0200 (CEST)',
  'Message-ID: <1234@example.com>',
  'In-Reply-To: <1000@example.com>',
  'References: <999@example.com>',
  '  <1000@example.com>',
  '',
  'Shall we meet at noon?',
  '',
  'Jane',
  '',
]);

/** The two renderings of one text: quoted-printable plain text, and HTML. */
const PLAIN_PART = [
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Gr=C3=BC=C3=9Fe aus K=C3=B6ln, this line is soft=',
  ' broken',
];
const HTML_PART = [
  'Content-Type: text/html; charset=utf-8',
  '',
  '<html><style>p{color:red}</style><p>Gr&uuml;&szlig;e <b>world</b> &amp; more</p></html>',
];

const ALTERNATIVE = crlf([
  'From: a@example.com',
  'To: b@example.com',
  'Subject: alt',
  'MIME-Version: 1.0',
  'Content-Type: multipart/alternative; boundary="XX"',
  '',
  'This is a multi-part message in MIME format.',
  '--XX',
  ...PLAIN_PART,
  '--XX',
  ...HTML_PART,
  '--XX--',
  'epilogue',
  '',
]);

/** The same two alternatives in the other order: the plain text is the one shown. */
const PLAIN_LAST = crlf([
  'Content-Type: multipart/alternative; boundary="XX"',
  '',
  '--XX',
  ...HTML_PART,
  '--XX',
  ...PLAIN_PART,
  '--XX--',
  '',
]);

const PDF = Buffer.from('%PDF-1.4 fake pdf content for the test, long enough to wrap over base64 lines.', 'latin1');
const PDF_BASE64 = PDF.toString('base64')
  .replace(/.{1,40}/g, '$&\r\n')
  .trimEnd();

const ATTACHMENT = crlf(
  [
    'From: =?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>',
    'To: team@test.example',
    'Subject: =?UTF-8?B?UmVwb3J0IMO8YmVy?= =?UTF-8?B?IFEz?= figures',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed;',
    ' boundary="----=_Part_0_1"',
    '',
    '------=_Part_0_1',
    'Content-Type: text/plain; charset=ISO-8859-1',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Voir le rapport ci-joint, d\xe9j\xe0 relu.',
    '------=_Part_0_1',
    'Content-Type: application/pdf; name="report.pdf"',
    'Content-Transfer-Encoding: base64',
    "Content-Disposition: attachment; filename*=utf-8''Rapport%20%C3%A9t%C3%A9.pdf",
    'Content-ID: <part1@example.com>',
    'Content-Description: The report',
    'Content-Language: fr, en',
    'Content-Location: http://example.com/report.pdf',
    '',
    PDF_BASE64,
    '------=_Part_0_1--',
    '',
  ],
  'latin1',
);

const FORWARD = crlf([
  'From: bob@test.example',
  'To: alice@test.example',
  'Subject: Fwd: hello',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary=outer',
  '',
  '--outer',
  'Content-Type: text/plain',
  '',
  'See below.',
  '--outer',
  'Content-Type: message/rfc822',
  'Content-Disposition: inline',
  '',
  'From: carol@example.org',
  'To: bob@test.example',
  'Subject: hello',
  'Message-ID: <inner@example.org>',
  '',
  'Inner body line one',
  'Inner body line two',
  '--outer--',
  '',
]);

function single(structure: unknown): SinglePartStructure {
  expect((structure as SinglePartStructure).kind).toBe('single');
  return structure as SinglePartStructure;
}

function multipart(structure: unknown): MultipartStructure {
  expect((structure as MultipartStructure).kind).toBe('multipart');
  return structure as MultipartStructure;
}

describe('summarizeMessage', () => {
  it('reads a plain RFC 5322 message: envelope, header fields, text body', async () => {
    const summary = await summarizeMessage(PLAIN);
    expect(summary.size).toBe(PLAIN.length);
    expect(summary.envelope).toEqual({
      date: 'Tue, 1 Jul 2003 10:52:37 +0200 (CEST)',
      subject: 'Lunch  tomorrow?',
      from: [{ name: 'Jane Doe', adl: null, mailbox: 'jane', host: 'example.com' }],
      sender: [{ name: 'Jane Doe', adl: null, mailbox: 'jane', host: 'example.com' }],
      replyTo: [{ name: 'Jane Doe', adl: null, mailbox: 'jane', host: 'example.com' }],
      to: [
        { name: 'Smith, John', adl: null, mailbox: 'john', host: 'test.example' },
        { name: null, adl: null, mailbox: 'bob', host: 'test.example' },
      ],
      cc: [
        { name: null, adl: null, mailbox: 'undisclosed-recipients', host: null },
        { name: null, adl: null, mailbox: null, host: null },
      ],
      bcc: null,
      inReplyTo: '<1000@example.com>',
      messageId: '<1234@example.com>',
    });
    expect(summary.headers).toEqual({
      messageId: '<1234@example.com>',
      subject: 'Lunch  tomorrow?',
      from: 'Jane Doe <jane@example.com>',
      to: '"Smith, John" <john@test.example>, bob@test.example',
      cc: '',
      date: new Date('2003-07-01T08:52:37Z'),
      inReplyTo: '<1000@example.com>',
      references: ['<999@example.com>', '<1000@example.com>'],
    });
    const body = single(summary.bodyStructure);
    const bodyText = 'Shall we meet at noon?\r\n\r\nJane\r\n';
    expect(body).toMatchObject({
      type: 'text',
      subtype: 'plain',
      params: [['charset', 'us-ascii']],
      encoding: '7BIT',
      size: bodyText.length,
      lines: 3,
      message: null,
    });
    expect(summary.text).toContain('Shall we meet at noon?');
  });

  it('reads multipart/alternative: parts end before the CRLF of the boundary (RFC 2046 §5.1.1)', async () => {
    const summary = await summarizeMessage(ALTERNATIVE);
    const root = multipart(summary.bodyStructure);
    expect(root.subtype).toBe('alternative');
    expect(root.params).toEqual([['boundary', 'XX']]);
    const [plain, html] = root.parts.map(single);
    expect(plain).toMatchObject({
      type: 'text',
      subtype: 'plain',
      encoding: 'QUOTED-PRINTABLE',
      size: Buffer.byteLength('Gr=C3=BC=C3=9Fe aus K=C3=B6ln, this line is soft=\r\n broken'),
      lines: 2,
    });
    expect(html).toMatchObject({ subtype: 'html', lines: 1, encoding: '7BIT' });
    expect(summary.text).toContain('Grüße world & more');
    expect(summary.text).not.toContain('color:red');
    expect(summary.text).not.toContain('epilogue');
  });

  it('indexes one alternative, the last with text (RFC 2046 §5.1.4: what a client shows)', async () => {
    const htmlLast = await summarizeMessage(ALTERNATIVE);
    expect(htmlLast.text).toContain('Grüße world & more');
    expect(htmlLast.text).not.toContain('aus Köln');
    const plainLast = await summarizeMessage(PLAIN_LAST);
    expect(plainLast.text).toContain('Grüße aus Köln, this line is soft broken');
    expect(plainLast.text).not.toContain('world');
    const imagesOnly = await summarizeMessage(
      crlf([
        'Content-Type: multipart/alternative; boundary="A"',
        '',
        '--A',
        'Content-Type: text/plain',
        '',
        'the words to find',
        '--A',
        'Content-Type: text/html',
        '',
        '<p><img src="cid:banner"></p>',
        '--A--',
      ]),
    );
    expect(imagesOnly.text).toContain('the words to find');
  });

  it('keeps the text around an alternative and inside a related branch of it', async () => {
    const summary = await summarizeMessage(
      crlf([
        'Content-Type: multipart/mixed; boundary="M"',
        '',
        '--M',
        'Content-Type: multipart/alternative; boundary="A"',
        '',
        '--A',
        'Content-Type: text/plain',
        '',
        'plain rendering',
        '--A',
        'Content-Type: multipart/related; boundary="R"',
        '',
        '--R',
        'Content-Type: text/html',
        '',
        '<p>html rendering</p>',
        '--R',
        'Content-Type: image/png',
        'Content-Transfer-Encoding: base64',
        '',
        'iVBORw0KGgo=',
        '--R--',
        '--A--',
        '--M',
        'Content-Type: text/plain',
        '',
        'a footer the list server added',
        '--M--',
      ]),
    );
    expect(summary.text.split('\n').filter((l) => l.trim() !== '')).toEqual([
      'html rendering',
      'a footer the list server added',
    ]);
  });

  it('reads attachments with their disposition, id, description, language and location', async () => {
    const summary = await summarizeMessage(ATTACHMENT);
    expect(summary.headers.subject).toBe('Report über Q3 figures');
    expect(summary.headers.from).toBe('André Pirard <PIRARD@vm1.ulg.ac.be>');
    expect(summary.envelope.from).toEqual([
      { name: 'André Pirard', adl: null, mailbox: 'PIRARD', host: 'vm1.ulg.ac.be' },
    ]);
    // The envelope keeps the subject as written; IMAP clients decode it themselves.
    expect(summary.envelope.subject).toBe('=?UTF-8?B?UmVwb3J0IMO8YmVy?= =?UTF-8?B?IFEz?= figures');
    const root = multipart(summary.bodyStructure);
    expect(root.subtype).toBe('mixed');
    const [text, pdf] = root.parts.map(single);
    expect(text.params).toEqual([['charset', 'ISO-8859-1']]);
    expect(pdf).toMatchObject({
      type: 'application',
      subtype: 'pdf',
      params: [['name', 'report.pdf']],
      id: '<part1@example.com>',
      description: 'The report',
      encoding: 'BASE64',
      size: Buffer.byteLength(PDF_BASE64),
      lines: null,
      disposition: { type: 'attachment', params: [['filename*', "utf-8''Rapport%20%C3%A9t%C3%A9.pdf"]] },
      language: ['fr', 'en'],
      location: 'http://example.com/report.pdf',
    });
    expect(summary.text).toContain('déjà relu');
    expect(summary.text).not.toContain('PDF');
  });

  it('reads message/rfc822 with the encapsulated envelope, structure and line count', async () => {
    const summary = await summarizeMessage(FORWARD);
    const root = multipart(summary.bodyStructure);
    const forwarded = single(root.parts[1]);
    expect(forwarded).toMatchObject({
      type: 'message',
      subtype: 'rfc822',
      disposition: { type: 'inline', params: [] },
    });
    const innerText = [
      'From: carol@example.org',
      'To: bob@test.example',
      'Subject: hello',
      'Message-ID: <inner@example.org>',
      '',
      'Inner body line one',
      'Inner body line two',
    ].join('\r\n');
    expect(forwarded.size).toBe(innerText.length);
    expect(forwarded.lines).toBe(7);
    expect(forwarded.message?.envelope).toMatchObject({
      subject: 'hello',
      messageId: '<inner@example.org>',
      from: [{ name: null, adl: null, mailbox: 'carol', host: 'example.org' }],
    });
    expect(forwarded.message?.body).toMatchObject({ kind: 'single', type: 'text', subtype: 'plain', lines: 2 });
    expect(summary.text).toContain('See below.');
    expect(summary.text).toContain('Inner body line two');
  });

  it('decodes RFC 2047 words split across a multi-byte character and RFC 2231 continuations', async () => {
    const message = crlf([
      'From: =?UTF-8?B?SsO8cmdlbg==?= <juergen@example.de>',
      'Subject: =?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?= ok =?bogus?Q?x?=',
      'Content-Type: text/plain;',
      " title*0*=us-ascii'en'This%20is%20even%20more%20;",
      ' title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*2="isn\'t it!"',
      '',
      'x',
    ]);
    const summary = await summarizeMessage(message);
    expect(summary.headers.subject).toBe('café ok x');
    expect(summary.headers.from).toBe('Jürgen <juergen@example.de>');
    expect(single(summary.bodyStructure).params.map(([name]) => name)).toEqual(['title*0*', 'title*1*', 'title*2']);
  });

  it('never throws on broken MIME and still reports something sensible', async () => {
    const broken = [
      crlf(['Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Type: text/plain', '', 'no close']),
      crlf(['Content-Type: multipart/mixed', '', 'no boundary parameter']),
      crlf(['Content-Type: multipart/mixed; boundary=b', '', 'no part at all']),
      crlf(['Content-Type: /', 'garbage header line without colon', ': empty name', '', 'x']),
      crlf(['Subject: no blank line, no body']),
      crlf(['Content-Type: message/rfc822', '']),
      crlf(['From: <<<@@@>>>', 'To: ,,,', 'Date: yesterday-ish', '', 'x']),
      Buffer.from([0xff, 0xfe, 0x00, 0x0d, 0x0a, 0x0d, 0x0a, 0x80, 0x81]),
      Buffer.alloc(0),
      Buffer.from('Content-Type: multipart/mixed; boundary=a\r\n\r\n'.repeat(200) + '--a\r\n'.repeat(50)),
    ];
    for (const message of broken) {
      const summary = await summarizeMessage(message);
      expect(summary.size).toBe(message.length);
      expect(summary.bodyStructure.kind).toMatch(/single|multipart/);
    }
    const unclosed = multipart((await summarizeMessage(broken[0])).bodyStructure);
    expect(single(unclosed.parts[0])).toMatchObject({ type: 'text', size: 'no close'.length });
    expect(single((await summarizeMessage(broken[1])).bodyStructure)).toMatchObject({ type: 'text', subtype: 'plain' });
    expect(multipart((await summarizeMessage(broken[2])).bodyStructure).parts).toHaveLength(1);
    expect((await summarizeMessage(broken[6])).headers.date).toBeNull();
  });

  it('gives the same result whether the message comes whole, byte by byte, or with bare LF line ends', async () => {
    const whole = await summarizeMessage(ATTACHMENT);
    const bytes = function* (): Generator<Buffer> {
      for (let i = 0; i < ATTACHMENT.length; i += 1) yield ATTACHMENT.subarray(i, i + 1);
    };
    expect(await summarizeMessage(bytes())).toEqual(whole);
    const lf = await summarizeMessage(Buffer.from(ALTERNATIVE.toString('latin1').replace(/\r\n/g, '\n'), 'latin1'));
    const [plain] = multipart(lf.bodyStructure).parts.map(single);
    expect(plain.size).toBe(Buffer.byteLength('Gr=C3=BC=C3=9Fe aus K=C3=B6ln, this line is soft=\n broken'));
    expect(lf.text).toContain('Grüße world & more');
    const lfPlain = await summarizeMessage(Buffer.from(PLAIN_LAST.toString('latin1').replace(/\r\n/g, '\n'), 'latin1'));
    expect(lfPlain.text).toContain('soft broken');
  });

  it('gives the same result however the message is cut into chunks (lines whole in a chunk or across two)', async () => {
    for (const message of [PLAIN, ALTERNATIVE, PLAIN_LAST, ATTACHMENT, FORWARD]) {
      const whole = await summarizeMessage(message);
      for (const size of [2, 3, 7, 16, 41, 77, 128, 500]) {
        const chunks = function* (): Generator<Buffer> {
          for (let i = 0; i < message.length; i += size) yield message.subarray(i, i + size);
        };
        expect(await summarizeMessage(chunks())).toEqual(whole);
      }
      for (let cut = 1; cut < message.length; cut += 5)
        expect(await summarizeMessage([message.subarray(0, cut), message.subarray(cut)])).toEqual(whole);
    }
  });

  it('reads a large message in bounded memory: long lines are cut for text, sizes stay exact', async () => {
    const header = Buffer.from('Subject: big\r\nContent-Type: text/plain\r\n\r\n');
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const chunks = function* (): Generator<Buffer> {
      yield header;
      for (let i = 0; i < 20; i += 1) yield chunk;
    };
    const summary = await summarizeMessage(chunks());
    expect(summary.size).toBe(header.length + 20 * chunk.length);
    expect(single(summary.bodyStructure)).toMatchObject({ size: 20 * chunk.length, lines: 1 });
    expect(summary.text.length).toBeLessThanOrEqual(200_000);
  });
});
