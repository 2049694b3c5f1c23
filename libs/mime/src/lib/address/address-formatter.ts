import { isAscii, isAtom, isControl, isSurrogate } from './char-class';
import { encodePhrase, looksEncoded } from './encoded-word';
import { formatLocalPart } from './local-part';
import type { AddressParts, GroupParts, MailboxParts } from './mailbox.model';

export interface FormatOptions {
  /** Write non-ASCII display names as raw UTF-8 (RFC 6532 §3.2) instead of RFC 2047 encoded-words. Default false. */
  readonly utf8?: boolean;
}

/** addr-spec (RFC 5322 §3.4.1): local part quoted only when it is not a dot-atom, domain as given. */
export function formatAddress(mailbox: Pick<MailboxParts, 'localPart' | 'domain'>): string {
  return `${formatLocalPart(mailbox.localPart)}@${mailbox.domain}`;
}

/**
 * display-name as a phrase (RFC 5322 §3.2.5): bare atoms when possible, else a quoted-string, else RFC 2047
 * encoded-words for text a quoted-string cannot carry (non-ASCII without the utf8 option, controls, or "=?").
 */
export function formatDisplayName(name: string, options: FormatOptions = {}): string {
  const asciiOnly = options.utf8 !== true;
  if (looksEncoded(name) || hasControl(name) || (asciiOnly && !isAscii(name))) return encodePhrase(name);
  if (name.split(' ').every((word) => isAtom(word, asciiOnly))) return name;
  return `"${name.replace(/["\\]/g, '\\$&')}"`;
}

/** mailbox (RFC 5322 §3.4): `addr-spec`, or `display-name <addr-spec>` when there is a display name. */
export function formatMailbox(mailbox: MailboxParts, options: FormatOptions = {}): string {
  const address = formatAddress(mailbox);
  return mailbox.displayName ? `${formatDisplayName(mailbox.displayName, options)} <${address}>` : address;
}

/** group (RFC 5322 §3.4): `name: member, member;` or `name:;` when empty. */
export function formatGroup(group: GroupParts, options: FormatOptions = {}): string {
  const members = group.members.map((member) => formatMailbox(member, options)).join(', ');
  return `${formatDisplayName(group.name, options)}:${members ? ` ${members}` : ''};`;
}

/** address-list (RFC 5322 §3.4), comma separated, unfolded: header folding is the writer's job. */
export function formatAddressList(list: readonly AddressParts[], options: FormatOptions = {}): string {
  return list
    .map((item) => (item.kind === 'group' ? formatGroup(item, options) : formatMailbox(item, options)))
    .join(', ');
}

function hasControl(text: string): boolean {
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isControl(cp) || isSurrogate(cp)) return true;
  }
  return false;
}
