// Deterministic messages for the POP3 benchmark: plain text with a few dot-leading lines (to exercise
// byte-stuffing), sizes log-normal around a median of ~14 KB between 1 KB and 200 KB, the same bytes for
// the same seed and index on every run, so that Estafette and Dovecot serve identical mail.

import { seededRandom } from '../../directory/lib/names.mjs';

const MIN_BYTES = 1024;
const MAX_BYTES = 200 * 1024;
const MEDIAN_BYTES = 14 * 1024;
const WORDS =
  'the quarterly report is attached please review the figures before our meeting on thursday we should discuss the budget'.split(
    ' ',
  );

/** Message `index`: CRLF line ends, as SMTP carries it. Every mailbox gets the same message `index`. */
export function benchMessage(seed, index) {
  const random = seededRandom(seed * 1_000_003 + index);
  const u = Math.max(random(), 1e-12);
  const gaussian = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  const size = Math.round(Math.min(MAX_BYTES, Math.max(MIN_BYTES, MEDIAN_BYTES * Math.exp(0.9 * gaussian))));
  const head = [
    `From: Bench Sender <sender${index % 97}@sender.example>`,
    'To: <bench-users@bench.example>',
    `Subject: POP3 bench message ${index}`,
    `Date: ${new Date(Date.UTC(2026, 10, 2, 9, 0, index % 60)).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <bench-${seed}-${index}@sender.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    '',
  ].join('\r\n');
  const lines = [];
  let length = head.length;
  while (length < size) {
    const words = [];
    for (let w = 0; w < 12; w++) words.push(WORDS[Math.floor(random() * WORDS.length)]);
    const line = (random() < 0.02 ? '.' : '') + words.join(' ');
    lines.push(line);
    length += line.length + 2;
  }
  return `${head}${lines.join('\r\n')}\r\n`;
}
