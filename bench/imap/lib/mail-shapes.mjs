// The messages both IMAP servers are seeded with and that the load APPENDs: deterministic per seed and
// index, in the shapes of the fair-comparison notes (plain text, multipart/alternative, an attachment,
// a forwarded message/rfc822, RFC 2047 subjects), 1 KB to 200 KB with a median near 14 KB.
import { seededRandom } from '../../directory/lib/names.mjs';

const SMALLEST = 1024;
const LARGEST = 200 * 1024;
const MEDIAN = 14 * 1024;
const VOCABULARY = (
  'minutes of the steering meeting the new office opens in spring please confirm your travel dates ' +
  'invoice attached for the consulting work in october the release is delayed by one week sorry ' +
  'lunch on friday with the whole team welcome to our new colleagues from the support desk'
).split(' ');
const SUBJECTS = ['Steering meeting', 'Travel dates', 'Invoice October', 'Release plan', 'Team lunch'];
const ENCODED_SUBJECTS = ['=?UTF-8?Q?R=C3=A9union_d=27=C3=A9quipe?=', '=?UTF-8?B?w5xiZXJzaWNodCBNw6Ryeg==?='];

function prose(random, bytes) {
  const lines = [];
  let line = '';
  let total = 0;
  while (total < bytes) {
    const word = VOCABULARY[Math.floor(random() * VOCABULARY.length)];
    if (line.length + word.length > 72) {
      lines.push(line);
      total += line.length + 2;
      line = '';
    }
    line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\r\n');
}

function base64Lines(random, bytes) {
  const raw = Buffer.alloc(Math.floor((bytes * 3) / 4));
  for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(random() * 256);
  return raw.toString('base64').replace(/.{76}/g, '$&\r\n');
}

/** Message `index` (CRLF line ends) of the benchmark's mix for `recipient`. */
export function mailShape(seed, index, recipient) {
  const random = seededRandom(seed * 7919 + index);
  const normal = Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
  const size = Math.round(Math.min(LARGEST, Math.max(SMALLEST, MEDIAN * Math.exp(0.9 * normal))));
  const kind = index % 5;
  const subject =
    index % 7 === 3
      ? ENCODED_SUBJECTS[index % ENCODED_SUBJECTS.length]
      : `${SUBJECTS[index % SUBJECTS.length]} ${index}`;
  const header = [
    `From: Colleague ${index % 31} <colleague${index % 31}@bench.example>`,
    `To: <${recipient}>`,
    `Subject: ${subject}`,
    `Date: ${new Date(Date.UTC(2026, 9, 1 + (index % 28), 8, index % 60)).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <imap-bench-${seed}-${index}@bench.example>`,
    'MIME-Version: 1.0',
  ];
  const boundary = `=_bench_${index}`;
  let body;
  if (kind === 0 || kind === 1) {
    body = ['Content-Type: text/plain; charset=us-ascii', '', prose(random, size)];
  } else if (kind === 2) {
    const text = prose(random, size / 2);
    body = [
      `Content-Type: multipart/alternative; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=us-ascii',
      '',
      text,
      `--${boundary}`,
      'Content-Type: text/html; charset=us-ascii',
      '',
      `<html><body><p>${text.replace(/\r\n/g, '</p>\r\n<p>')}</p></body></html>`,
      `--${boundary}--`,
    ];
  } else if (kind === 3) {
    body = [
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=us-ascii',
      '',
      prose(random, 600),
      `--${boundary}`,
      'Content-Type: application/octet-stream; name="figures.bin"',
      'Content-Disposition: attachment; filename="figures.bin"',
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(random, Math.max(256, size - 1000)),
      `--${boundary}--`,
    ];
  } else {
    body = [
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'Forwarding this one.',
      `--${boundary}`,
      'Content-Type: message/rfc822',
      '',
      'From: Someone Else <else@elsewhere.example>',
      `Subject: Original ${index}`,
      'Content-Type: text/plain; charset=us-ascii',
      '',
      prose(random, size - 600),
      `--${boundary}--`,
    ];
  }
  return Buffer.from([...header, ...body, ''].join('\r\n'), 'latin1');
}
