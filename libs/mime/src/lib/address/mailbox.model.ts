/** Where and why parsing failed. `position` is a UTF-16 offset into the input string. */
export interface ParseError {
  readonly message: string;
  readonly position: number;
}

/** Result of every parse function: parsers never throw, they return this union. */
export type ParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ParseError };

/** How the domain of a mailbox was written (RFC 5321 §4.1.2 Domain / address-literal). */
export type DomainType = 'name' | 'ipv4' | 'ipv6';

/** A single parsed mailbox (RFC 5322 §3.4 `mailbox`). */
export interface Mailbox {
  readonly kind: 'mailbox';
  /** Decoded display name (RFC 2047 encoded-words turned into Unicode); absent when none or empty. */
  readonly displayName?: string;
  /** Local part value: unquoted and unescaped. */
  readonly localPart: string;
  /** Domain as written, lower-cased; IP literals keep their brackets, e.g. `[IPv6:2001:db8::1]`. */
  readonly domain: string;
  /** Domain in ASCII (IDNA A-labels); canonical form for IP literals. */
  readonly domainAscii: string;
  /** Domain with U-labels where applicable. */
  readonly domainUnicode: string;
  readonly domainType: DomainType;
  /** True when the local part holds non-ASCII text, i.e. SMTPUTF8 (RFC 6531) is required to deliver. */
  readonly isInternational: boolean;
  /** Canonical addr-spec: local part quoted only when needed, domain as written. */
  readonly address: string;
}

/** RFC 5322 §3.4 `group`: a named, possibly empty, list of mailboxes. */
export interface Group {
  readonly kind: 'group';
  readonly name: string;
  readonly members: readonly Mailbox[];
}

export type Address = Mailbox | Group;

export type AddressListResult = ParseResult<Address[]>;
export type MailboxResult = ParseResult<Mailbox>;
/** `value` is null for the SMTP null reverse-path `<>` (RFC 5321 §4.5.5). */
export type PathResult = ParseResult<Mailbox | null>;

/** Minimal shape the formatters need, so callers can format hand-built values. */
export interface MailboxParts {
  readonly kind?: 'mailbox';
  readonly localPart: string;
  readonly domain: string;
  readonly displayName?: string;
}

export interface GroupParts {
  readonly kind: 'group';
  readonly name: string;
  readonly members: readonly MailboxParts[];
}

export type AddressParts = MailboxParts | GroupParts;
