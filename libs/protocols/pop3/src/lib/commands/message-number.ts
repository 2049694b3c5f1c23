import type { Pop3Maildrop } from '../backend/pop3-backend';
import { err } from '../responses/pop3-response';

/**
 * RFC 1939 §5: a message-number argument. Returns the 0-based index, or the -ERR line to send when
 * the argument is not a number, out of range, or names a message marked as deleted.
 */
export function messageIndex(
  arg: string,
  maildrop: Pop3Maildrop,
  deleted: ReadonlySet<number>,
): { index: number } | { error: string } {
  if (!/^\d{1,9}$/.test(arg)) return { error: err('Invalid message number') };
  const index = Number(arg) - 1;
  if (index < 0 || index >= maildrop.messages.length) return { error: err('No such message') };
  if (deleted.has(index)) return { error: err('Message is deleted') };
  return { index };
}

/** Splits arguments on single spaces (RFC 1939 §3: keyword and arguments separated by one space). */
export function words(args: string): string[] {
  return args === '' ? [] : args.split(' ');
}
