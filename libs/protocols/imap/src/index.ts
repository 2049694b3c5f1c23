/**
 * @estafette/protocols-imap: an IMAP4rev1 server (RFC 3501 and extensions) over net/tls, with a backend
 * port in IMAP words that the server app implements on the store. No database, no Nest.
 */
export { ImapServer } from './lib/server/imap-server';
export {
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_LINE_BYTES,
  DEFAULT_MAX_LITERAL_BYTES,
  DEFAULT_MAX_MESSAGE_BYTES,
  type ImapServerOptions,
  type ImapTlsMaterial,
} from './lib/server/imap-server-options';
export {
  ImapBackendError,
  type AclEntry,
  type AppendMessage,
  type AppendResult,
  type AuthenticationResult,
  type BodySection,
  type CopyResult,
  type FetchRequest,
  type FlagChange,
  type ImapAddress,
  type ImapBackend,
  type ImapBodyStructure,
  type ImapClientContext,
  type ImapCredentials,
  type ImapDisposition,
  type ImapEnvelope,
  type ImapNamespaces,
  type ImapUser,
  type ListQuery,
  type MailboxChanges,
  type MailboxEvent,
  type MailboxHandle,
  type MailboxListEntry,
  type MailboxSnapshot,
  type MailboxStatus,
  type MessageRecord,
  type NamespaceEntry,
  type Quota,
  type SearchResult,
  type SectionContent,
  type SortCriterion,
  type SpecialUse,
  type StatusItem,
  type StoreResult,
  type ThreadAlgorithm,
  type ThreadNode,
  type UidSet,
} from './lib/backend/imap-backend';
export type { SearchKey } from './lib/backend/search-key';
export { extractSection } from './lib/mime/message-sections';
export { bodyStructureFromMime, describeMessage, envelopeFromMime } from './lib/mime/mime-description';
export { decodeMailboxName, encodeMailboxName } from './lib/mailbox/mailbox-name';
// Pure helpers the store-backed backend shares with the in-memory one: LIST patterns (RFC 3501 §6.3.8),
// RFC 5256 base subject, SORT order and both THREAD algorithms.
export { listPatternMatcher } from './lib/parser/list-pattern';
export { usesModseq } from './lib/parser/search-args';
export { baseSubjectKey, extractBaseSubject, type BaseSubject } from './lib/threading/base-subject';
export { orderedSubjectThreads } from './lib/threading/ordered-subject-thread';
export { referencesThreads } from './lib/threading/references-thread';
export { sortComparator, sortMessages, type SortableMessage } from './lib/threading/sort-order';
export { bySentDate, parseMessageIds, type ThreadMessage } from './lib/threading/thread-message';
