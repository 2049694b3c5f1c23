import { Inject, Injectable, Logger } from '@nestjs/common';
import type {
  AclEntry,
  AppendMessage,
  AppendResult,
  AuthenticationResult,
  CopyResult,
  FetchRequest,
  FlagChange,
  ImapBackend,
  ImapClientContext,
  ImapCredentials,
  ImapNamespaces,
  ImapUser,
  ListQuery,
  MailboxChanges,
  MailboxEvent,
  MailboxHandle,
  MailboxListEntry,
  MailboxSnapshot,
  MailboxStatus,
  MessageRecord,
  Quota,
  SearchKey,
  SearchResult,
  SortCriterion,
  SpecialUse,
  StatusItem,
  StoreResult,
  ThreadAlgorithm,
  ThreadNode,
  UidSet,
} from '@estafette/protocols-imap';
import { ImapBackendError, orderedSubjectThreads, referencesThreads, sortMessages } from '@estafette/protocols-imap';
import { PublicFolderPostingService, PublicFolderService } from '@estafette/directory';
import { ACCOUNT_LOOKUP, MailLoginService, type AccountLookup } from '@estafette/security';
import {
  BLOB_STORE,
  ChangeNotifier,
  FolderAclService,
  FolderService,
  MailboxService,
  MessageService,
  PUBLIC_FOLDER_DELIVERY,
  QuotaService,
  StoreUnavailableError,
  type BlobStore,
  type PublicFolderDelivery,
} from '@estafette/store';
import { ImapAclBackend } from './backend/imap-acl.backend';
import { ImapChangesBackend } from './backend/imap-changes.backend';
import { ImapFetchBackend } from './backend/imap-fetch.backend';
import { ImapFolderIndex } from './backend/imap-folder-index';
import { searchIndexed } from './backend/imap-index-search';
import { ImapMailboxResolver, type VisibleMailbox } from './backend/imap-mailbox.resolver';
import { ImapMailboxesBackend, openedMailbox, type OpenedMailbox } from './backend/imap-mailboxes.backend';
import { ImapMessageUpdatesBackend } from './backend/imap-message-updates.backend';
import { ImapQuotaBackend } from './backend/imap-quota.backend';
import { storeCall } from './backend/imap-store-errors';
import type { ImapStoreDependencies } from './backend/imap-store.dependencies';
import { ImapMessageRepository } from './imap-message.repository';
import { ImapSearchService } from './search/imap-search.service';

/**
 * How long the rights check of a command also covers the change report that follows it (the library asks
 * for changes after each command). A NOOP or IDLE wake-up later than this checks again.
 */
const RIGHTS_RECHECK_MS = 250;

/**
 * The IMAP backend port on the store, one instance per process shared by every listener and session. It
 * only routes: each concern lives in its own file under backend/ (mailboxes, fetch, message updates,
 * quota, ACL, changes). Logins go through MailLoginService ("imap4": the per-user protocol switch,
 * throttling, the verified-credentials cache) and record a logon on the mailbox, as Exchange showed it.
 */
@Injectable()
export class ImapBackendAdapter implements ImapBackend {
  private readonly logger = new Logger('IMAP');
  private readonly deps: ImapStoreDependencies;
  private readonly resolver: ImapMailboxResolver;
  private readonly mailboxes: ImapMailboxesBackend;
  private readonly fetcher: ImapFetchBackend;
  private readonly updates: ImapMessageUpdatesBackend;
  private readonly quotas: ImapQuotaBackend;
  private readonly acl: ImapAclBackend;
  private readonly changes: ImapChangesBackend;
  /** The sessions' open mailboxes by the handle SELECT returned (the handle is the session's to keep). */
  private readonly opened = new WeakMap<MailboxHandle, OpenedMailbox>();

  constructor(
    mailLogin: MailLoginService,
    @Inject(ACCOUNT_LOOKUP) accounts: AccountLookup,
    mailboxes: MailboxService,
    folders: FolderService,
    messages: MessageService,
    notifier: ChangeNotifier,
    quota: QuotaService,
    acl: FolderAclService,
    @Inject(BLOB_STORE) blobs: BlobStore,
    reads: ImapMessageRepository,
    private readonly searcher: ImapSearchService,
    publicFolders: PublicFolderService,
    @Inject(PUBLIC_FOLDER_DELIVERY) publicContent: PublicFolderDelivery,
    publicStores: PublicFolderPostingService,
  ) {
    this.deps = {
      mailLogin,
      accounts,
      mailboxes,
      folders,
      messages,
      notifier,
      quota,
      acl,
      blobs,
      reads,
      index: new ImapFolderIndex(notifier, reads),
      publicFolders,
      publicContent,
      publicStores,
    };
    this.resolver = new ImapMailboxResolver(this.deps);
    this.mailboxes = new ImapMailboxesBackend(this.deps, this.resolver);
    this.fetcher = new ImapFetchBackend(this.deps);
    this.updates = new ImapMessageUpdatesBackend(this.deps, this.resolver, this.mailboxes);
    this.quotas = new ImapQuotaBackend(this.deps, this.resolver);
    this.acl = new ImapAclBackend(this.deps, this.resolver);
    this.changes = new ImapChangesBackend(this.deps);
  }

  async authenticate(credentials: ImapCredentials, context: ImapClientContext): Promise<AuthenticationResult> {
    // Acting as another user (a SASL authzid) is not offered: only the user's own identity is accepted.
    if (credentials.authzid && credentials.authzid.toLowerCase() !== credentials.username.toLowerCase())
      return { kind: 'wrong-credentials' };
    const result = await this.deps.mailLogin.login(
      'imap4',
      credentials.username,
      credentials.password,
      context.remoteAddress,
    );
    switch (result.kind) {
      case 'ok':
        try {
          await this.deps.mailboxes.noteLogon(result.account.id);
        } catch (error) {
          // A dismounted store still lets the user in: every mailbox command then says why it cannot.
          if (!(error instanceof StoreUnavailableError)) throw error;
          this.logger.warn(`logon of ${result.account.alias}: ${error.message}`);
        }
        return { kind: 'ok', user: { id: result.account.id, username: result.account.alias } };
      case 'wrong-credentials':
        return { kind: 'wrong-credentials' };
      case 'disabled':
        return { kind: 'protocol-disabled', message: result.message };
      case 'throttled':
        return { kind: 'throttled', retryAfterSeconds: result.retryAfterSeconds };
    }
  }

  namespaces(): Promise<ImapNamespaces> {
    return this.mailboxes.namespaces();
  }

  listMailboxes(user: ImapUser, query: ListQuery): AsyncIterable<MailboxListEntry> {
    return this.mailboxes.list(user, query);
  }

  status(user: ImapUser, mailbox: string, items: readonly StatusItem[]): Promise<MailboxStatus> {
    return this.mailboxes.status(user, mailbox, items);
  }

  createMailbox(user: ImapUser, mailbox: string, options?: { specialUse?: SpecialUse }): Promise<void> {
    return this.mailboxes.create(user, mailbox, options);
  }

  deleteMailbox(user: ImapUser, mailbox: string): Promise<void> {
    return this.mailboxes.delete(user, mailbox);
  }

  renameMailbox(user: ImapUser, from: string, to: string): Promise<void> {
    return this.mailboxes.rename(user, from, to);
  }

  setSubscribed(user: ImapUser, mailbox: string, subscribed: boolean): Promise<void> {
    return this.mailboxes.setSubscribed(user, mailbox, subscribed);
  }

  async openMailbox(user: ImapUser, mailbox: string, options: { readOnly: boolean }): Promise<MailboxSnapshot> {
    const { snapshot, opened } = await this.mailboxes.open(user, mailbox, options.readOnly);
    this.opened.set(snapshot.handle, opened);
    return snapshot;
  }

  async *fetch(
    user: ImapUser,
    mailbox: MailboxHandle,
    uids: UidSet,
    request: FetchRequest,
  ): AsyncIterable<MessageRecord> {
    yield* this.fetcher.fetch(user, await this.open(user, mailbox), uids, request);
  }

  // SEARCH: the rights are checked as for FETCH; a key on what the folder index keeps is answered from it,
  // any other by the store in SQL.
  async search(user: ImapUser, mailbox: MailboxHandle, key: SearchKey): Promise<SearchResult> {
    const { folderId } = await this.readable(user, mailbox);
    const index = this.deps.index.current(folderId);
    return (index && searchIndexed(index, key)) ?? this.searcher.search(folderId, key);
  }

  /** SORT (RFC 5256): the store's keys of the matches, ordered by the library's RFC 5256 comparator. */
  async sort(
    user: ImapUser,
    mailbox: MailboxHandle,
    criteria: readonly SortCriterion[],
    key: SearchKey,
  ): Promise<number[]> {
    const { folderId } = await this.readable(user, mailbox);
    return sortMessages(await this.searcher.sortKeys(folderId, key), criteria);
  }

  /** THREAD (RFC 5256): ORDEREDSUBJECT or REFERENCES over the matches' threading keys. */
  async thread(
    user: ImapUser,
    mailbox: MailboxHandle,
    algorithm: ThreadAlgorithm,
    key: SearchKey,
  ): Promise<ThreadNode[]> {
    const { folderId } = await this.readable(user, mailbox);
    const keys = await this.searcher.threadKeys(folderId, key);
    return algorithm === 'REFERENCES' ? referencesThreads(keys) : orderedSubjectThreads(keys);
  }

  async storeFlags(user: ImapUser, mailbox: MailboxHandle, uids: UidSet, change: FlagChange): Promise<StoreResult> {
    return this.updates.storeFlags(await this.open(user, mailbox), uids, change);
  }

  async copyMessages(
    user: ImapUser,
    mailbox: MailboxHandle,
    uids: UidSet,
    target: string,
    move: boolean,
  ): Promise<CopyResult> {
    return this.updates.copy(user, await this.open(user, mailbox), uids, target, move);
  }

  async expunge(user: ImapUser, mailbox: MailboxHandle, uids?: UidSet): Promise<number[]> {
    return this.updates.expunge(await this.open(user, mailbox), uids);
  }

  append(user: ImapUser, mailbox: string, message: AppendMessage, selected?: MailboxHandle): Promise<AppendResult> {
    return this.updates.append(user, mailbox, message, selected && this.opened.get(selected));
  }

  getQuotaRoot(user: ImapUser, mailbox: string): Promise<{ roots: string[]; quotas: Quota[] }> {
    return this.quotas.getQuotaRoot(user, mailbox);
  }

  getQuota(user: ImapUser, root: string): Promise<Quota> {
    return this.quotas.getQuota(user, root);
  }

  getAcl(user: ImapUser, mailbox: string): Promise<AclEntry[]> {
    return this.acl.getAcl(user, mailbox);
  }

  setAcl(user: ImapUser, mailbox: string, identifier: string, rights: string): Promise<void> {
    return this.acl.setAcl(user, mailbox, identifier, rights);
  }

  deleteAcl(user: ImapUser, mailbox: string, identifier: string): Promise<void> {
    return this.acl.deleteAcl(user, mailbox, identifier);
  }

  myRights(user: ImapUser, mailbox: string): Promise<string> {
    return this.acl.myRights(user, mailbox);
  }

  listRights(user: ImapUser, mailbox: string, identifier: string): Promise<{ required: string; optional: string[] }> {
    return this.acl.listRights(user, mailbox, identifier);
  }

  async changesSince(user: ImapUser, mailbox: MailboxHandle, modseq: bigint): Promise<MailboxChanges> {
    // The library asks for changes after every command: the command itself has just checked the rights.
    const opened = this.opened.get(mailbox);
    const fresh = opened?.checkedAt !== undefined && Date.now() - opened.checkedAt < RIGHTS_RECHECK_MS;
    return this.changes.changesSince(fresh && opened ? opened : await this.open(user, mailbox), modseq);
  }

  watch(user: ImapUser, mailbox: MailboxHandle, listener: (event: MailboxEvent) => void): () => void {
    const opened = this.opened.get(mailbox);
    if (!opened) {
      this.logger.warn(`watch of a mailbox that was not opened here (${mailbox.name})`);
      return () => undefined;
    }
    return this.changes.watch(opened, listener);
  }

  /** The folder behind a handle, which the user must still be allowed to read. */
  private async readable(user: ImapUser, handle: MailboxHandle): Promise<VisibleMailbox> {
    const { mailbox } = await this.open(user, handle);
    if (!mailbox.rights.includes('r'))
      throw new ImapBackendError('NOPERM', 'You may not read messages in this mailbox');
    return mailbox;
  }

  /**
   * The open mailbox behind a handle. Rights are read again at every command through the resolver, so a
   * grant taken away by SETACL applies to sessions that have the folder selected.
   */
  private async open(user: ImapUser, handle: MailboxHandle): Promise<OpenedMailbox> {
    const opened = this.opened.get(handle);
    // A selected folder of a mailbox: one look at its row and grants per command (a SETACL or a dismount
    // still shows at once) instead of listing every folder the user may see. Public folders keep the walk.
    if (opened && opened.mailbox.publicFolderId === undefined) {
      const rights = await storeCall(() => this.deps.acl.rightsOf(user.id, handle.id));
      if (!rights.includes('l')) throw new ImapBackendError('NONEXISTENT', 'The mailbox is gone');
      opened.mailbox = { ...opened.mailbox, rights };
      opened.checkedAt = Date.now();
      return opened;
    }
    const mailbox = await this.resolver.resolve(user, handle.name);
    if (mailbox.folderId !== handle.id) throw new ImapBackendError('NONEXISTENT', 'The mailbox is gone');
    if (!opened) return openedMailbox(mailbox, true, 0n);
    opened.mailbox = mailbox;
    return opened;
  }
}
