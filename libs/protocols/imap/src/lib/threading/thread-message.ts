/**
 * What the threading algorithms need to know of a message (RFC 5256 §2.2, §2.3). The backend fills it
 * from its store; `sentDate` is the Date: header in milliseconds, or the internal date when that is
 * missing or unparsable (RFC 5256 §2.2).
 */
export interface ThreadMessage {
  readonly uid: number;
  /** Decoded Subject header. */
  readonly subject: string | null;
  readonly sentDate: number;
  /** Message-ID with angle brackets, or null. */
  readonly messageId: string | null;
  /** The References header's message ids in order, or In-Reply-To's first id when References is absent. */
  readonly references: readonly string[];
}

/** Sent-date order, ties broken by UID (sequence order; RFC 5256 §2.2). */
export function bySentDate(a: ThreadMessage, b: ThreadMessage): number {
  return a.sentDate - b.sentDate || a.uid - b.uid;
}

/** Message ids of a References or In-Reply-To header value ("<a@b> <c@d>"). */
export function parseMessageIds(header: string | null | undefined): string[] {
  return (header ?? '').match(/<[^<>\s]+>/g) ?? [];
}
