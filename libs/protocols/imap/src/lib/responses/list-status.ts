import type { MailboxStatus, StatusItem } from '../backend/imap-backend';
import { ImapSyntaxError, type ImapValue } from '../parser/imap-value';
import { mailboxString } from './list-response';

/**
 * status-att = "MESSAGES" / "RECENT" / "UIDNEXT" / "UIDVALIDITY" / "UNSEEN" (RFC 3501 §6.3.10),
 * "HIGHESTMODSEQ" (RFC 7162 §3.1.4), "SIZE" (RFC 8438), "DELETED" (RFC 9051 §6.3.11). Shared by
 * STATUS and LIST ... RETURN (STATUS (...)) (RFC 5819).
 */
const ITEMS: readonly StatusItem[] = [
  'MESSAGES',
  'RECENT',
  'UIDNEXT',
  'UIDVALIDITY',
  'UNSEEN',
  'HIGHESTMODSEQ',
  'SIZE',
  'DELETED',
];

export function parseStatusItems(values: readonly ImapValue[]): StatusItem[] {
  if (values.length === 0) throw new ImapSyntaxError('STATUS needs at least one item');
  const out: StatusItem[] = [];
  for (const value of values) {
    const name = value.kind === 'atom' ? value.value.toUpperCase() : '';
    const item = ITEMS.find((i) => i === name);
    if (!item) throw new ImapSyntaxError('Unknown STATUS item');
    if (!out.includes(item)) out.push(item);
  }
  return out;
}

/** "STATUS" SP mailbox SP "(" [status-att-list] ")", items in the order asked. */
export function statusLine(
  mailbox: string,
  items: readonly StatusItem[],
  status: MailboxStatus,
  utf8: boolean,
): string {
  const pairs = items.filter((i) => status[i] !== undefined).map((i) => `${i} ${status[i]}`);
  return `STATUS ${mailboxString(mailbox, utf8)} (${pairs.join(' ')})`;
}
