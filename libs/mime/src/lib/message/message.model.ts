/** One header field as it appeared: name as written, value unfolded (RFC 5322 §2.2.3) with its leading space removed. */
export interface HeaderField {
  readonly name: string;
  readonly value: string;
}

/**
 * An address of an IMAP ENVELOPE (RFC 3501 §7.4.2): `name` is the display name decoded to Unicode (an IMAP
 * writer re-encodes it with RFC 2047 when the client needs ASCII), `adl` the source route (always null: routes are
 * obsolete and dropped). A group is written as a start marker `{ mailbox: groupName, host: null }`, its members,
 * and an end marker with every member null, exactly as the IMAP grammar lays it out.
 */
export interface EnvelopeAddress {
  readonly name: string | null;
  readonly adl: string | null;
  readonly mailbox: string | null;
  readonly host: string | null;
}

/**
 * The IMAP ENVELOPE of a message (RFC 3501 §7.4.2). `date`, `subject`, `inReplyTo` and `messageId` are the header
 * values as written (unfolded), so an IMAP server returns them byte for byte; a missing header is null. `sender`
 * and `replyTo` default to `from` when absent or empty, as the RFC requires.
 */
export interface MessageEnvelope {
  readonly date: string | null;
  readonly subject: string | null;
  readonly from: readonly EnvelopeAddress[] | null;
  readonly sender: readonly EnvelopeAddress[] | null;
  readonly replyTo: readonly EnvelopeAddress[] | null;
  readonly to: readonly EnvelopeAddress[] | null;
  readonly cc: readonly EnvelopeAddress[] | null;
  readonly bcc: readonly EnvelopeAddress[] | null;
  readonly inReplyTo: string | null;
  readonly messageId: string | null;
}

/** `Content-Disposition`: its value lower-cased and its parameters as written. */
export interface BodyDisposition {
  readonly type: string;
  readonly params: ReadonlyArray<readonly [string, string]>;
}

/** Extension data shared by every part (RFC 3501 §7.4.2, body-ext-1part / body-ext-mpart). */
interface BodyExtension {
  readonly disposition: BodyDisposition | null;
  readonly language: readonly string[] | null;
  readonly location: string | null;
}

/** A non-multipart part: body-type-basic, body-type-text (with `lines`) or body-type-msg (with `message`). */
export interface SinglePartStructure extends BodyExtension {
  readonly kind: 'single';
  /** Media type and subtype, lower-cased. */
  readonly type: string;
  readonly subtype: string;
  /** body-fld-param: attribute/value pairs as written (RFC 2231 continuations untouched). */
  readonly params: ReadonlyArray<readonly [string, string]>;
  readonly id: string | null;
  readonly description: string | null;
  /** body-fld-enc, upper-cased as IMAP servers send it; '7BIT' when absent. */
  readonly encoding: string;
  /** body-fld-octets: size of the body in its transfer encoding. */
  readonly size: number;
  /** body-fld-lines: set for text/* and message/rfc822 parts. */
  readonly lines: number | null;
  readonly md5: string | null;
  /** message/rfc822 only: the encapsulated message's envelope and structure. */
  readonly message: { readonly envelope: MessageEnvelope; readonly body: BodyStructure } | null;
}

export interface MultipartStructure extends BodyExtension {
  readonly kind: 'multipart';
  readonly subtype: string;
  readonly parts: readonly BodyStructure[];
  readonly params: ReadonlyArray<readonly [string, string]>;
}

/** The IMAP BODYSTRUCTURE of a message or part (RFC 3501 §7.4.2), as JSON the store keeps beside the message. */
export type BodyStructure = SinglePartStructure | MultipartStructure;

/** Header fields the store indexes and shows in lists, decoded for people (RFC 2047 words turned into Unicode). */
export interface MessageHeaderSummary {
  readonly messageId: string | null;
  readonly subject: string;
  /** Display form of the From mailboxes, e.g. `Jane Doe <jane@example.com>`. */
  readonly from: string;
  readonly to: string;
  readonly cc: string;
  /** The Date header, or null when missing or unreadable. */
  readonly date: Date | null;
  readonly inReplyTo: string | null;
  /** Message-IDs of the References header, in order. */
  readonly references: readonly string[];
}

/** Everything the store keeps from one pass over a raw message. */
export interface MessageSummary {
  readonly size: number;
  readonly headers: MessageHeaderSummary;
  readonly envelope: MessageEnvelope;
  readonly bodyStructure: BodyStructure;
  /** Readable text of the body parts (text/plain, text/html without markup), capped, for the full-text index. */
  readonly text: string;
}
