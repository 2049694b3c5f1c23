import type { MailboxListEntry } from '../backend/imap-backend';
import { encodeMailboxName } from '../mailbox/mailbox-name';
import { imapString, quoted } from './imap-string';

/**
 * mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox
 * [SP "(" mbox-list-extended ")"] (RFC 3501 §7.2.2, RFC 5258 §6). Names go out through the codec:
 * modified UTF-7, or UTF-8 once UTF8=ACCEPT is enabled (RFC 6855 §3).
 */
export interface ListResponseOptions {
  readonly utf8: boolean;
  /** Add \Subscribed (LIST-EXTENDED SUBSCRIBED selection or return option, RFC 5258 §3.1). */
  readonly subscribed: boolean;
  /** CHILDINFO ("SUBSCRIBED") for a parent listed for its subscribed children (RFC 5258 §3.5). */
  readonly childInfo: boolean;
}

/** A mailbox name as a response value: always a string, so clients never see a bare NIL-like atom. */
export function mailboxString(name: string, utf8: boolean): string {
  return imapString(encodeMailboxName(name, { utf8 }), { utf8 });
}

export function listResponse(kind: 'LIST' | 'LSUB', entry: MailboxListEntry, options: ListResponseOptions): string {
  const attributes = [...entry.attributes];
  if (entry.specialUse && kind === 'LIST') attributes.push(entry.specialUse);
  if (options.subscribed && entry.subscribed && !attributes.includes('\\Subscribed')) attributes.push('\\Subscribed');
  const delimiter = entry.delimiter ? quoted(entry.delimiter) : 'NIL';
  const extended = options.childInfo ? ' ("CHILDINFO" ("SUBSCRIBED"))' : '';
  return `${kind} (${attributes.join(' ')}) ${delimiter} ${mailboxString(entry.name, options.utf8)}${extended}`;
}
