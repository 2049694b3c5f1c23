import { formatMailbox, parseAddressList, type Mailbox } from '@estafette/mime';
import type { SendPermission } from '@estafette/directory';

export type AuthorDecision =
  | { ok: true; senderField: string | null }
  | { ok: false; address: string | null; reason: 'unparseable' | 'not-permitted' };

/** The mailboxes of the From field(s); null when a value cannot be parsed. */
export function fromMailboxes(values: readonly string[]): Mailbox[] | null {
  const out: Mailbox[] = [];
  for (const value of values) {
    const parsed = parseAddressList(value);
    if (!parsed.ok) return null;
    for (const item of parsed.value) {
      if (item.kind === 'mailbox') out.push(item);
      else out.push(...item.members);
    }
  }
  return out;
}

/**
 * The author rules of submission (Exchange 2003 §3.2): every From mailbox must be the user's own
 * address, one whose owner granted the user Send As, or one that granted Send on Behalf. In the
 * last case, or when there are several authors (RFC 5322 §3.6.2), the message gets a Sender field
 * naming the user; so does a message whose own Sender field names somebody the user may not send as.
 */
export function decideAuthor(
  authors: ReadonlyArray<{ address: string; permission: SendPermission }>,
  user: { displayName: string; address: string | null },
  /** A Sender field the client wrote, with the user's right over it; one naming somebody else is replaced. */
  givenSender: { address: string; permission: SendPermission } | null = null,
): AuthorDecision {
  for (const author of authors) {
    if (!author.permission) return { ok: false, address: author.address, reason: 'not-permitted' };
  }
  const needsSender =
    authors.some((a) => a.permission === 'send-on-behalf') ||
    authors.length > 1 ||
    (givenSender !== null && givenSender.permission === null);
  if (!needsSender || !user.address) return { ok: true, senderField: null };
  const at = user.address.lastIndexOf('@');
  const mailbox = formatMailbox({
    localPart: user.address.slice(0, at),
    domain: user.address.slice(at + 1),
    displayName: user.displayName || undefined,
  });
  return { ok: true, senderField: `Sender: ${mailbox}` };
}
