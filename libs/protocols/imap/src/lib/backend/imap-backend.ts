import type { Readable } from 'node:stream';
import type { SearchKey } from './search-key';

/**
 * The port between the IMAP server and the store, in IMAP words. apps/server implements it on
 * libs/store (apps/server/src/listeners/imap/imap-backend.adapter.ts); specs use the in-memory fake.
 *
 * Conventions: mailbox names are full hierarchical names with "/" as the delimiter, already decoded
 * from modified UTF-7 / UTF-8 by the server. Every call after login carries the ImapUser the backend
 * returned, and the backend enforces that user's rights (ACL) itself: the server never shows a
 * mailbox or message that the backend did not return for this user. Message sets are UIDs; the server
 * translates sequence numbers through its MailboxView before calling.
 */
export interface ImapBackend {
  /**
   * LOGIN and AUTHENTICATE (RFC 3501 §6.2.2, §6.2.3). The backend checks the password, the per-user
   * IMAP protocol setting and the failed-login throttle, and may cache verified credentials.
   */
  authenticate(credentials: ImapCredentials, context: ImapClientContext): Promise<AuthenticationResult>;

  /** NAMESPACE (RFC 2342): personal, other users' (shared with this user through ACL) and shared roots. */
  namespaces(user: ImapUser): Promise<ImapNamespaces>;

  /**
   * LIST / LSUB / LIST-EXTENDED (RFC 3501 §6.3.8, RFC 5258): the mailboxes matching the pattern
   * (with "*" and "%" wildcards, relative to `reference`), with special-use (RFC 6154), children
   * (RFC 3348) and subscription attributes. Streamed: a user may have thousands of folders.
   */
  listMailboxes(user: ImapUser, query: ListQuery): AsyncIterable<MailboxListEntry>;

  /** STATUS and LIST-STATUS (RFC 3501 §6.3.10, RFC 5819): counters without selecting. */
  status(user: ImapUser, mailbox: string, items: readonly StatusItem[]): Promise<MailboxStatus>;

  /** CREATE (RFC 3501 §6.3.3), optionally with a special-use attribute (RFC 6154 §3 CREATE-SPECIAL-USE). */
  createMailbox(user: ImapUser, mailbox: string, options?: { specialUse?: SpecialUse }): Promise<void>;

  /** DELETE (RFC 3501 §6.3.4). */
  deleteMailbox(user: ImapUser, mailbox: string): Promise<void>;

  /** RENAME (RFC 3501 §6.3.5); renaming INBOX moves its messages into a new mailbox and leaves INBOX empty. */
  renameMailbox(user: ImapUser, from: string, to: string): Promise<void>;

  /** SUBSCRIBE / UNSUBSCRIBE (RFC 3501 §6.3.6, §6.3.7). */
  setSubscribed(user: ImapUser, mailbox: string, subscribed: boolean): Promise<void>;

  /**
   * SELECT / EXAMINE (RFC 3501 §6.3.1, §6.3.2; RFC 7162 for HIGHESTMODSEQ): a consistent snapshot of
   * the mailbox from which the server builds its sequence-number map. `readOnly` asks for EXAMINE;
   * the backend also answers readOnly when the user lacks write rights.
   */
  openMailbox(user: ImapUser, mailbox: string, options: { readOnly: boolean }): Promise<MailboxSnapshot>;

  /**
   * FETCH and UID FETCH (RFC 3501 §6.4.5): one record per existing UID in `uids`, ascending, with the
   * requested attributes only. Streamed so a header FETCH over 50,000 messages stays in bounded memory.
   * When `markSeen` is set (a non-PEEK BODY[] fetch on a read-write mailbox), the backend sets \Seen
   * and returns the new flags.
   */
  fetch(user: ImapUser, mailbox: MailboxHandle, uids: UidSet, request: FetchRequest): AsyncIterable<MessageRecord>;

  /** SEARCH / UID SEARCH / ESEARCH (RFC 3501 §6.4.4, RFC 4731): the UIDs matching a typed key tree. */
  search(user: ImapUser, mailbox: MailboxHandle, key: SearchKey): Promise<SearchResult>;

  /** SORT (RFC 5256 §3): matching UIDs ordered by the criteria. */
  sort(user: ImapUser, mailbox: MailboxHandle, criteria: readonly SortCriterion[], key: SearchKey): Promise<number[]>;

  /** THREAD (RFC 5256 §3): matching messages as a forest of UIDs. */
  thread(user: ImapUser, mailbox: MailboxHandle, algorithm: ThreadAlgorithm, key: SearchKey): Promise<ThreadNode[]>;

  /**
   * STORE / UID STORE (RFC 3501 §6.4.6) with CONDSTORE UNCHANGEDSINCE (RFC 7162 §3.1.3): changes flags
   * and returns the resulting flags and modseq per UID, and the UIDs that failed the modseq test.
   */
  storeFlags(user: ImapUser, mailbox: MailboxHandle, uids: UidSet, change: FlagChange): Promise<StoreResult>;

  /**
   * COPY / MOVE and their UID forms (RFC 3501 §6.4.7, RFC 6851): returns the UID mapping for the
   * UIDPLUS COPYUID response code (RFC 4315 §3). For a move the source messages are expunged and
   * reported through the change feed as well.
   */
  copyMessages(
    user: ImapUser,
    mailbox: MailboxHandle,
    uids: UidSet,
    target: string,
    move: boolean,
  ): Promise<CopyResult>;

  /**
   * EXPUNGE, UID EXPUNGE and CLOSE (RFC 3501 §6.4.3, RFC 4315 §2.1): removes the \Deleted messages
   * among `uids` (all \Deleted when undefined) and returns the UIDs actually expunged.
   */
  expunge(user: ImapUser, mailbox: MailboxHandle, uids?: UidSet): Promise<number[]>;

  /**
   * APPEND (RFC 3501 §6.3.11, RFC 4315 APPENDUID, RFC 3516 literal8): stores a message. The content is
   * a Buffer (the parser holds literals up to the message size limit) or a stream for later streaming.
   * `selected` is the session's selected mailbox: a message appended into it is in that session's feed
   * (watch) before this resolves, so the answer carries its EXISTS (§6.3.11) and the client may address
   * it by its APPENDUID at once.
   */
  append(user: ImapUser, mailbox: string, message: AppendMessage, selected?: MailboxHandle): Promise<AppendResult>;

  /** GETQUOTAROOT (RFC 9208 §4.3.2): the quota roots of a mailbox with their quotas. */
  getQuotaRoot(user: ImapUser, mailbox: string): Promise<{ roots: string[]; quotas: Quota[] }>;

  /** GETQUOTA (RFC 9208 §4.3.1). */
  getQuota(user: ImapUser, root: string): Promise<Quota>;

  /** GETACL (RFC 4314 §3.3): identifiers and rights letters ("lrswipkxtecda"). */
  getAcl(user: ImapUser, mailbox: string): Promise<AclEntry[]>;

  /** SETACL (RFC 4314 §3.1): `rights` with an optional leading "+" or "-". Delegation maps here. */
  setAcl(user: ImapUser, mailbox: string, identifier: string, rights: string): Promise<void>;

  /** DELETEACL (RFC 4314 §3.2). */
  deleteAcl(user: ImapUser, mailbox: string, identifier: string): Promise<void>;

  /** MYRIGHTS (RFC 4314 §3.5). */
  myRights(user: ImapUser, mailbox: string): Promise<string>;

  /** LISTRIGHTS (RFC 4314 §3.4): required rights, then groups of optional rights. */
  listRights(user: ImapUser, mailbox: string, identifier: string): Promise<{ required: string; optional: string[] }>;

  /**
   * What changed since `modseq` (CONDSTORE/QRESYNC, RFC 7162 §3.2.5 SELECT ... QRESYNC, and the poll
   * between commands when no live feed is available): new or changed messages and vanished UIDs.
   */
  changesSince(user: ImapUser, mailbox: MailboxHandle, modseq: bigint): Promise<MailboxChanges>;

  /**
   * Live change events of an open mailbox (other sessions, other server processes, deliveries), for
   * IDLE (RFC 2177) and for untagged EXISTS/EXPUNGE/FETCH between commands (RFC 3501 §7.4.1). Returns
   * the unsubscribe function, which the server calls when the mailbox is closed or the session ends.
   */
  watch(user: ImapUser, mailbox: MailboxHandle, listener: (event: MailboxEvent) => void): () => void;
}

/** SASL authzid is only accepted when empty or equal to the username until delegation exists. */
export interface ImapCredentials {
  readonly username: string;
  readonly password: string;
  readonly authzid?: string;
  readonly mechanism: 'LOGIN' | 'PLAIN' | 'SASL-LOGIN';
}

export interface ImapClientContext {
  readonly remoteAddress: string;
  readonly secure: boolean;
}

/** The authenticated user as the backend identifies it; opaque to the server beyond `username`. */
export interface ImapUser {
  readonly id: string;
  readonly username: string;
}

export type AuthenticationResult =
  | { readonly kind: 'ok'; readonly user: ImapUser }
  | { readonly kind: 'wrong-credentials' }
  /** IMAP turned off for this user: the message is shown to the user (NO [CONTACTADMIN] …). */
  | { readonly kind: 'protocol-disabled'; readonly message: string }
  | { readonly kind: 'throttled'; readonly retryAfterSeconds: number };

export interface NamespaceEntry {
  readonly prefix: string;
  readonly delimiter: string;
}

export interface ImapNamespaces {
  readonly personal: readonly NamespaceEntry[];
  readonly otherUsers: readonly NamespaceEntry[];
  readonly shared: readonly NamespaceEntry[];
}

export type SpecialUse = '\\All' | '\\Archive' | '\\Drafts' | '\\Flagged' | '\\Junk' | '\\Sent' | '\\Trash';

export interface ListQuery {
  readonly reference: string;
  /** One or more patterns (LIST-EXTENDED allows several). */
  readonly patterns: readonly string[];
  /** LSUB or LIST (SUBSCRIBED): only subscribed mailboxes (and, with recursiveMatch, their parents). */
  readonly subscribedOnly: boolean;
  /** LIST (SPECIAL-USE) selection option (RFC 6154 §5.3). */
  readonly specialUseOnly: boolean;
  readonly recursiveMatch: boolean;
}

export interface MailboxListEntry {
  readonly name: string;
  readonly delimiter: string;
  /** \Noselect, \NonExistent, \HasChildren, \HasNoChildren, \Marked … (RFC 3501 §7.2.2, RFC 5258 §3). */
  readonly attributes: readonly string[];
  readonly specialUse: SpecialUse | null;
  readonly subscribed: boolean;
}

export type StatusItem =
  'MESSAGES' | 'RECENT' | 'UIDNEXT' | 'UIDVALIDITY' | 'UNSEEN' | 'HIGHESTMODSEQ' | 'SIZE' | 'DELETED';

export type MailboxStatus = Partial<Record<StatusItem, number | bigint>>;

/** An opaque reference to an opened mailbox (the store's folder id), returned by openMailbox. */
export interface MailboxHandle {
  readonly id: string;
  readonly name: string;
}

export interface MailboxSnapshot {
  readonly handle: MailboxHandle;
  readonly uidValidity: number;
  readonly uidNext: number;
  /** 0n when the mailbox does not support persistent modseqs (then: NOMODSEQ, RFC 7162 §3.1.2.2). */
  readonly highestModseq: bigint;
  readonly flags: readonly string[];
  /** Includes "\*" when the user may create keywords. */
  readonly permanentFlags: readonly string[];
  /** Every message, ascending by UID: sequence number n is messages[n-1]. */
  readonly messages: readonly { readonly uid: number; readonly modseq: bigint; readonly flags?: readonly string[] }[];
  readonly unseen: number;
  readonly recent: number;
  readonly readOnly: boolean;
}

/** UIDs, ascending; the server resolves "*" and ranges before calling. */
export type UidSet = readonly number[];

/** A part of a message by MIME section (RFC 3501 §6.4.5 section-spec). */
export interface BodySection {
  /** Part numbers ("1.2" -> [1, 2]); empty for the whole message. */
  readonly part: readonly number[];
  readonly specifier: 'ALL' | 'HEADER' | 'HEADER.FIELDS' | 'HEADER.FIELDS.NOT' | 'TEXT' | 'MIME';
  readonly fields?: readonly string[];
  /** <origin.length>: a byte range of the section. */
  readonly partial?: { readonly offset: number; readonly length: number };
  /** BINARY[] (RFC 3516): content transfer decoding applied. */
  readonly binary?: boolean;
}

export interface FetchRequest {
  readonly flags: boolean;
  readonly internalDate: boolean;
  readonly size: boolean;
  readonly envelope: boolean;
  readonly bodyStructure: boolean;
  readonly modseq: boolean;
  readonly sections: readonly BodySection[];
  /** Set \Seen on fetched messages (a non-PEEK body fetch in a read-write session). */
  readonly markSeen: boolean;
}

export interface ImapAddress {
  readonly name: string | null;
  readonly adl: string | null;
  readonly mailbox: string | null;
  readonly host: string | null;
}

/** ENVELOPE (RFC 3501 §7.4.2), decoded header values; the server encodes them for the wire. */
export interface ImapEnvelope {
  readonly date: string | null;
  readonly subject: string | null;
  readonly from: readonly ImapAddress[] | null;
  readonly sender: readonly ImapAddress[] | null;
  readonly replyTo: readonly ImapAddress[] | null;
  readonly to: readonly ImapAddress[] | null;
  readonly cc: readonly ImapAddress[] | null;
  readonly bcc: readonly ImapAddress[] | null;
  readonly inReplyTo: string | null;
  readonly messageId: string | null;
}

/** BODYSTRUCTURE (RFC 3501 §7.4.2) with extension data. */
export type ImapBodyStructure =
  | {
      readonly kind: 'single';
      readonly type: string;
      readonly subtype: string;
      readonly parameters: Readonly<Record<string, string>>;
      readonly id: string | null;
      readonly description: string | null;
      readonly encoding: string;
      readonly size: number;
      /** text/* and message/rfc822 parts. */
      readonly lines?: number;
      /** message/rfc822 parts. */
      readonly message?: { readonly envelope: ImapEnvelope; readonly body: ImapBodyStructure };
      readonly md5: string | null;
      readonly disposition: ImapDisposition | null;
      readonly language: readonly string[] | null;
      readonly location: string | null;
    }
  | {
      readonly kind: 'multipart';
      readonly subtype: string;
      readonly parts: readonly ImapBodyStructure[];
      readonly parameters: Readonly<Record<string, string>>;
      readonly disposition: ImapDisposition | null;
      readonly language: readonly string[] | null;
      readonly location: string | null;
    };

export interface ImapDisposition {
  readonly type: string;
  readonly parameters: Readonly<Record<string, string>>;
}

/** One FETCH result; fields are present when requested. */
export interface MessageRecord {
  readonly uid: number;
  readonly flags?: readonly string[];
  readonly internalDate?: Date;
  readonly size?: number;
  readonly envelope?: ImapEnvelope;
  readonly bodyStructure?: ImapBodyStructure;
  readonly modseq?: bigint;
  /** In the order of FetchRequest.sections; content is a buffer or a stream of `length` bytes. */
  readonly sections?: readonly SectionContent[];
}

export interface SectionContent {
  readonly section: BodySection;
  readonly length: number;
  readonly content: Buffer | Readable;
}

export interface SearchResult {
  readonly uids: number[];
  /** Highest modseq among the matches when the key used MODSEQ (RFC 7162 §3.1.5). */
  readonly highestModseq?: bigint;
}

export type SortCriterion = {
  readonly key: 'ARRIVAL' | 'CC' | 'DATE' | 'FROM' | 'SIZE' | 'SUBJECT' | 'TO' | 'DISPLAYFROM' | 'DISPLAYTO';
  readonly reverse: boolean;
};

export type ThreadAlgorithm = 'ORDEREDSUBJECT' | 'REFERENCES';

export interface ThreadNode {
  /** null for a missing parent (a dummy node in REFERENCES). */
  readonly uid: number | null;
  readonly children: readonly ThreadNode[];
}

export interface FlagChange {
  readonly operation: 'set' | 'add' | 'remove';
  readonly flags: readonly string[];
  readonly unchangedSince?: bigint;
}

export interface StoreResult {
  readonly updated: readonly { readonly uid: number; readonly flags: readonly string[]; readonly modseq: bigint }[];
  /** UIDs whose modseq was above UNCHANGEDSINCE: the MODIFIED response code (RFC 7162 §3.1.3). */
  readonly modified: readonly number[];
}

export interface CopyResult {
  /** The target's UIDVALIDITY for COPYUID. */
  readonly uidValidity: number;
  readonly sourceUids: readonly number[];
  readonly targetUids: readonly number[];
}

export interface AppendMessage {
  readonly flags: readonly string[];
  readonly internalDate?: Date;
  readonly content: Buffer | Readable;
  /** Needed up front for quota checks when content is a stream. */
  readonly size: number;
}

export type AppendResult =
  | { readonly kind: 'ok'; readonly uidValidity: number; readonly uid: number }
  | { readonly kind: 'no-mailbox' }
  | { readonly kind: 'over-quota' }
  | { readonly kind: 'too-big' };

export interface Quota {
  readonly root: string;
  /** STORAGE is in KiB (RFC 9208 §5.1). */
  readonly resources: readonly {
    readonly name: 'STORAGE' | 'MESSAGE';
    readonly usage: number;
    readonly limit: number;
  }[];
}

export interface AclEntry {
  readonly identifier: string;
  readonly rights: string;
}

export interface MailboxChanges {
  readonly highestModseq: bigint;
  readonly changed: readonly { readonly uid: number; readonly flags: readonly string[]; readonly modseq: bigint }[];
  readonly vanished: readonly number[];
}

/** A change in an open mailbox, as the server queues it for untagged responses. */
export type MailboxEvent =
  | { readonly kind: 'exists'; readonly uids: readonly number[] }
  | { readonly kind: 'expunge'; readonly uids: readonly number[] }
  | { readonly kind: 'flags'; readonly uid: number; readonly flags: readonly string[]; readonly modseq: bigint };

/** Backend failures the server turns into NO with a response code (RFC 5530) rather than a crash. */
export class ImapBackendError extends Error {
  constructor(
    readonly code:
      'NONEXISTENT' | 'ALREADYEXISTS' | 'NOPERM' | 'OVERQUOTA' | 'INUSE' | 'CANNOT' | 'LIMIT' | 'SERVERBUG',
    message: string,
  ) {
    super(message);
    this.name = 'ImapBackendError';
  }
}
