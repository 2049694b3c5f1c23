import { LINE_BREAKING } from '../parser/imap-chars';

/**
 * Status responses (RFC 3501 §7.1): `tag OK|NO|BAD [CODE] text`, untagged with "*". The text is made
 * single-line so that no value (a backend message) can inject a second response line.
 */
export type ResponseStatus = 'OK' | 'NO' | 'BAD' | 'PREAUTH' | 'BYE';

export function statusResponse(tag: string, status: ResponseStatus, text: string, code?: string | null): string {
  const safe = text.replace(LINE_BREAKING, ' ').trim() || status;
  return `${tag} ${status} ${code ? `[${code}] ` : ''}${safe}`;
}
