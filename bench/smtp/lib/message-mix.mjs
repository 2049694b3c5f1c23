// Deterministic messages of realistic shapes and sizes for the SMTP benchmark. The same seed and index give
// the same bytes on every run, so Estafette and the reference receive identical mail.
//
// The mix (see reference/benchmark-baselines.md): plain text, multipart/alternative, attachments, forwarded
// messages (message/rfc822), some with RFC 2047 encoded headers; sizes from 1 KB to 200 KB, median ~14 KB
// (log-normal around 14 KB, clamped).

import { seededRandom } from '../../directory/lib/names.mjs';

const MIN_BYTES = 1200;
const MAX_BYTES = 195 * 1024;
const MEDIAN_BYTES = 14 * 1024;
const SIZE_SIGMA = 0.9;
const WORDS = (
  'the quarterly report is attached please review the figures before our meeting on thursday ' +
  'we should discuss the budget for next year and the schedule of the migration to the new servers ' +
  'thank you for your help with the customer visit last week everyone was very pleased with the result ' +
  'could you send me the latest version of the contract and the notes from the call with legal'
).split(' ');
const UNICODE_SUBJECTS = [
  'Grüße aus München',
  'Résumé du projet',
  'Отчёт за квартал',
  '会議の議事録',
  'Ζητήματα προϋπολογισμού',
];
const DATE_BASE_MS = Date.UTC(2026, 10, 2, 9, 0, 0);

function normal(random) {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** RFC 2047 B-encoding of a UTF-8 phrase, in encoded words short enough for one line each. */
function encodedWord(text) {
  const bytes = Buffer.from(text, 'utf8');
  const words = [];
  for (let i = 0; i < bytes.length; i += 30) words.push(`=?UTF-8?B?${bytes.subarray(i, i + 30).toString('base64')}?=`);
  return words.join('\r\n ');
}

function wrap76(base64) {
  const lines = [];
  for (let i = 0; i < base64.length; i += 76) lines.push(base64.slice(i, i + 76));
  return lines.join('\r\n');
}

export class MessageMix {
  /**
   * @param {number} seed
   * @param {string[]} recipients  addresses; each message goes to one of them
   * @param {string} senderDomain
   */
  constructor(seed, recipients, senderDomain = 'sender.example') {
    this.seed = seed;
    this.recipients = recipients;
    this.senderDomain = senderDomain;
    // Attachment bytes: one seeded pool, sliced at a per-message offset (cheap, and still incompressible).
    const random = seededRandom(seed ^ 0x5eed);
    this.pool = Buffer.alloc(MAX_BYTES);
    for (let i = 0; i < this.pool.length; i++) this.pool[i] = Math.floor(random() * 256);
    const text = [];
    let length = 0;
    while (length < MAX_BYTES * 2) {
      const line = [];
      let lineLength = 0;
      while (lineLength < 68) {
        const w = WORDS[Math.floor(random() * WORDS.length)];
        line.push(w);
        lineLength += w.length + 1;
      }
      const l = line.join(' ');
      text.push(l);
      length += l.length + 2;
    }
    this.text = text.join('\r\n');
  }

  /** Message `index`: its envelope and its bytes (CRLF line ends, not dot-stuffed). */
  message(index) {
    const random = seededRandom(this.seed * 1_000_003 + index);
    const to = this.recipients[Math.floor(random() * this.recipients.length)];
    const from = `sender${Math.floor(random() * 200)}@${this.senderDomain}`;
    const size = Math.round(
      Math.min(MAX_BYTES, Math.max(MIN_BYTES, Math.exp(Math.log(MEDIAN_BYTES) + SIZE_SIGMA * normal(random)))),
    );
    const shapeDraw = random();
    const shape =
      shapeDraw < 0.35 ? 'plain' : shapeDraw < 0.65 ? 'alternative' : shapeDraw < 0.87 ? 'attachment' : 'rfc822';
    const international = random() < 0.25;
    const subject = international
      ? encodedWord(`${UNICODE_SUBJECTS[index % UNICODE_SUBJECTS.length]} #${index}`)
      : `Bench message ${index}: ${WORDS[index % WORDS.length]} ${WORDS[(index * 7) % WORDS.length]}`;
    const fromName = international ? encodedWord('Zoë Ñúñez') : `Sender ${index % 200}`;
    const date = new Date(DATE_BASE_MS + index * 1000).toUTCString().replace('GMT', '+0000');
    const head = [
      `From: ${fromName} <${from}>`,
      `To: <${to}>`,
      `Subject: ${subject}`,
      `Date: ${date}`,
      `Message-ID: <bench.${this.seed}.${index}@${this.senderDomain}>`,
      'MIME-Version: 1.0',
    ];
    const offset = Math.floor(random() * this.text.length * 0.4);
    const body = this.body(shape, size - head.join('\r\n').length - 120, offset, index);
    return { from, to, data: Buffer.from(`${head.join('\r\n')}\r\n${body}\r\n`, 'utf8'), size, shape };
  }

  /** Text of about `bytes` bytes from the word pool, ending at a line end. */
  textOf(bytes, offset) {
    const start = this.text.indexOf('\r\n', offset % (this.text.length - MAX_BYTES)) + 2;
    const end = this.text.indexOf('\r\n', start + Math.max(40, bytes));
    return this.text.slice(start, end);
  }

  body(shape, bytes, offset, index) {
    const boundary = `=_bench_${index}_${shape}`;
    switch (shape) {
      case 'plain':
        return ['Content-Type: text/plain; charset=us-ascii', '', this.textOf(bytes, offset)].join('\r\n');
      case 'alternative': {
        const text = this.textOf(Math.floor(bytes * 0.4), offset);
        const html = `<html><body><p>${this.textOf(Math.floor(bytes * 0.55), offset + 999).replace(/\r\n/g, '</p>\r\n<p>')}</p></body></html>`;
        return [
          `Content-Type: multipart/alternative; boundary="${boundary}"`,
          '',
          `--${boundary}`,
          'Content-Type: text/plain; charset=us-ascii',
          '',
          text,
          `--${boundary}`,
          'Content-Type: text/html; charset=us-ascii',
          '',
          html,
          `--${boundary}--`,
        ].join('\r\n');
      }
      case 'attachment': {
        const raw = Math.max(64, Math.floor((bytes - 600) * 0.74));
        const start = offset % (this.pool.length - raw);
        return [
          `Content-Type: multipart/mixed; boundary="${boundary}"`,
          '',
          `--${boundary}`,
          'Content-Type: text/plain; charset=us-ascii',
          '',
          this.textOf(300, offset),
          `--${boundary}`,
          `Content-Type: application/pdf; name="report-${index}.pdf"`,
          `Content-Disposition: attachment; filename="report-${index}.pdf"`,
          'Content-Transfer-Encoding: base64',
          '',
          wrap76(this.pool.subarray(start, start + raw).toString('base64')),
          `--${boundary}--`,
        ].join('\r\n');
      }
      default: {
        const inner = [
          'From: Original Sender <original@elsewhere.example>',
          'To: someone@bench.example',
          `Subject: ${encodedWord('Ursprüngliche Nachricht')}`,
          'Date: Mon, 2 Nov 2026 08:00:00 +0000',
          `Message-ID: <inner.${index}@elsewhere.example>`,
          'Content-Type: text/plain; charset=us-ascii',
          '',
          this.textOf(Math.floor(bytes * 0.85), offset + 333),
        ].join('\r\n');
        return [
          `Content-Type: multipart/mixed; boundary="${boundary}"`,
          '',
          `--${boundary}`,
          'Content-Type: text/plain; charset=us-ascii',
          '',
          'Forwarding the message below.',
          `--${boundary}`,
          'Content-Type: message/rfc822',
          '',
          inner,
          `--${boundary}--`,
        ].join('\r\n');
      }
    }
  }
}
