/**
 * A message filter as the store evaluates it: the shape of IMAP SEARCH keys (RFC 3501 §6.4.4, RFC 7162
 * §3.1.5), kept in the store's own words because the store does not depend on protocol libraries. The IMAP
 * listener passes its SearchKey tree through unchanged (the two types are structurally the same).
 */
export type MessageFilter =
  | { readonly kind: 'all' }
  | { readonly kind: 'and'; readonly keys: readonly MessageFilter[] }
  | { readonly kind: 'or'; readonly left: MessageFilter; readonly right: MessageFilter }
  | { readonly kind: 'not'; readonly key: MessageFilter }
  | { readonly kind: 'uid'; readonly uids: readonly number[] }
  /** A system flag or keyword, compared case-insensitively; \Recent comes from the caller's session. */
  | { readonly kind: 'flag'; readonly flag: string; readonly set: boolean }
  | { readonly kind: 'new' }
  | { readonly kind: 'old' }
  /** Calendar days (YYYY-MM-DD) of the internal date (UTC) or of the Date: header in its own zone. */
  | {
      readonly kind: 'date';
      readonly field: 'internal' | 'sent';
      readonly op: 'before' | 'on' | 'since';
      readonly date: string;
    }
  | { readonly kind: 'size'; readonly op: 'larger' | 'smaller'; readonly bytes: number }
  /** Case-insensitive substring of a header field's value. */
  | { readonly kind: 'header'; readonly field: string; readonly value: string }
  | { readonly kind: 'body'; readonly value: string }
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'modseq'; readonly modseq: bigint | number };

/** What a filter needs from the session that the store does not keep. */
export interface FilterContext {
  /** UIDs the session sees as \Recent (RFC 3501 §2.3.2: a session property, never stored). */
  readonly recentUids?: readonly number[];
}

/** The fields SORT and THREAD (RFC 5256) order and group by, for the matching messages. */
export interface MessageSortRow {
  readonly uid: number;
  readonly modseq: number;
  readonly internalDate: Date;
  /** The Date: header; null when missing or unreadable. */
  readonly sentAt: Date | null;
  readonly size: number;
  /** Decoded Subject (RFC 2047 words turned into Unicode), '' when absent. */
  readonly subject: string;
  /** First address of From, To and Cc: addr-mailbox (RFC 5256 §3) and display name (RFC 5957). */
  readonly from: SortAddress | null;
  readonly to: SortAddress | null;
  readonly cc: SortAddress | null;
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
}

export interface SortAddress {
  readonly mailbox: string;
  readonly host: string;
  readonly name: string | null;
}
