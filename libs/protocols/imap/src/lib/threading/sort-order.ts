import type { ImapAddress, ImapEnvelope, SortCriterion } from '../backend/imap-backend';
import { asciiUpper, baseSubjectKey } from './base-subject';

/** What SORT compares (RFC 5256 §3); the backend fills it from its store. */
export interface SortableMessage {
  readonly uid: number;
  /** Internal date in milliseconds (ARRIVAL). */
  readonly internalDate: number;
  /** Date: header in milliseconds, the internal date when missing or unparsable (RFC 5256 §2.2). */
  readonly sentDate: number;
  readonly size: number;
  readonly envelope: Pick<ImapEnvelope, 'subject' | 'from' | 'to' | 'cc'>;
}

function firstMailbox(addresses: readonly ImapAddress[] | null): string {
  return asciiUpper(addresses?.[0]?.mailbox ?? '');
}

/** RFC 5957 §2: the display name of the first address, or its addr-spec when it has none. */
function firstDisplay(addresses: readonly ImapAddress[] | null): string {
  const first = addresses?.[0];
  if (!first) return '';
  const display = first.name?.trim();
  if (display) return asciiUpper(display);
  return asciiUpper(first.host ? `${first.mailbox ?? ''}@${first.host}` : (first.mailbox ?? ''));
}

function value(message: SortableMessage, criterion: SortCriterion): string | number {
  switch (criterion.key) {
    case 'ARRIVAL':
      return message.internalDate;
    case 'DATE':
      return message.sentDate;
    case 'SIZE':
      return message.size;
    case 'SUBJECT':
      return baseSubjectKey(message.envelope.subject);
    case 'FROM':
      return firstMailbox(message.envelope.from);
    case 'TO':
      return firstMailbox(message.envelope.to);
    case 'CC':
      return firstMailbox(message.envelope.cc);
    case 'DISPLAYFROM':
      return firstDisplay(message.envelope.from);
    case 'DISPLAYTO':
      return firstDisplay(message.envelope.to);
  }
}

/**
 * A comparator for the criteria: each in turn, REVERSE flipping one criterion only; messages equal on
 * every criterion keep sequence (UID) order, as RFC 5256 §3 requires.
 */
export function sortComparator(criteria: readonly SortCriterion[]): (a: SortableMessage, b: SortableMessage) => number {
  return (a, b) => {
    for (const criterion of criteria) {
      const x = value(a, criterion);
      const y = value(b, criterion);
      if (x !== y) return (x < y ? -1 : 1) * (criterion.reverse ? -1 : 1);
    }
    return a.uid - b.uid;
  };
}

/** UIDs in SORT order. */
export function sortMessages(messages: readonly SortableMessage[], criteria: readonly SortCriterion[]): number[] {
  return [...messages].sort(sortComparator(criteria)).map((m) => m.uid);
}
