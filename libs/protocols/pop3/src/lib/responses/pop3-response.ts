/**
 * RFC 2449 §8 extended response codes (with RFC 3206's SYS/TEMP, SYS/PERM and AUTH): a bracketed code
 * right after "-ERR" that a client can act on without parsing the human text.
 */
export type Pop3ResponseCode = 'IN-USE' | 'LOGIN-DELAY' | 'SYS/TEMP' | 'SYS/PERM' | 'AUTH';

/** "+OK text" (RFC 1939 §3: a status indicator, then text up to 512 octets including CRLF). */
export function ok(text = ''): string {
  return text ? `+OK ${text}\r\n` : '+OK\r\n';
}

/** "-ERR [CODE] text". */
export function err(text: string, code?: Pop3ResponseCode): string {
  return code ? `-ERR [${code}] ${text}\r\n` : `-ERR ${text}\r\n`;
}

/** A multi-line response (RFC 1939 §3): the status line, the lines dot-stuffed, the "." terminator. */
export function multiline(status: string, lines: readonly string[]): string {
  let out = status;
  for (const line of lines) out += line.startsWith('.') ? `.${line}\r\n` : `${line}\r\n`;
  return `${out}.\r\n`;
}
