/** A header field as written: name and unfolded value (RFC 5322 §2.2.3). */
export interface HeaderField {
  name: string;
  value: string;
}

/**
 * Where the header section ends: the offset of the empty line's first byte and the offset of the
 * body. Null while the blank line has not been seen. Accepts CRLF and bare LF line ends.
 */
export function findHeaderEnd(data: Buffer): { headerEnd: number; bodyStart: number } | null {
  if (data.length >= 2 && data[0] === 0x0d && data[1] === 0x0a) return { headerEnd: 0, bodyStart: 2 };
  if (data.length >= 1 && data[0] === 0x0a) return { headerEnd: 0, bodyStart: 1 };
  for (let i = 0; i < data.length; i++) {
    if (data[i] !== 0x0a) continue;
    if (data[i + 1] === 0x0a) return { headerEnd: i + 1, bodyStart: i + 2 };
    if (data[i + 1] === 0x0d && data[i + 2] === 0x0a) return { headerEnd: i + 1, bodyStart: i + 3 };
  }
  return null;
}

/** The fields of a header section, unfolded; lines that are not fields are skipped. */
export function parseHeaderFields(section: string): HeaderField[] {
  const fields: HeaderField[] = [];
  for (const line of section.split(/\r?\n/)) {
    if (line === '') continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && fields.length > 0) {
      fields[fields.length - 1].value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) continue;
    fields.push({ name, value: line.slice(colon + 1).trim() });
  }
  return fields;
}

export function headerValue(fields: readonly HeaderField[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return fields.find((f) => f.name.toLowerCase() === lower)?.value;
}

export function countHeader(fields: readonly HeaderField[], name: string): number {
  const lower = name.toLowerCase();
  return fields.filter((f) => f.name.toLowerCase() === lower).length;
}

/** RFC 5322 §3.3 date-time, in UTC: "Sat, 28 Nov 2026 12:00:00 +0000". */
export function rfc5322Date(date: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${days[date.getUTCDay()]}, ${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}

/** Header text limited to what a varchar(998) column holds, without control characters. */
export function clip(text: string, max = 998): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\x00-\x08\x0a-\x1f\x7f]/g, ' ');
  return clean.length > max ? clean.slice(0, max) : clean;
}
