import {
  ImapBackendError,
  type ImapNamespaces,
  type ImapUser,
  type ListQuery,
  type MailboxListEntry,
  type MailboxSnapshot,
  type MailboxStatus,
  type SpecialUse,
  type StatusItem,
} from '@estafette/protocols-imap';
import { FOLDER_DELIMITER, OWNER_RIGHTS, storeUnavailable, type FolderView } from '@estafette/store';
import { listPattern } from './imap-list-pattern';
import {
  canonicalName,
  OTHER_USERS_PREFIX,
  PUBLIC_FOLDERS_PREFIX,
  type ImapMailboxResolver,
  type PublicListing,
  type VisibleMailbox,
} from './imap-mailbox.resolver';
import { noPermission, noSuchMailbox, storeCall, toImapError } from './imap-store-errors';
import type { ImapStoreDependencies } from './imap-store.dependencies';
import type { FlagCounts, ImapFolderState } from '../imap-message.repository';

const SYSTEM_FLAGS = ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'];

/** RFC 4314 §4: a user with none of these rights gets the mailbox read-only. */
const WRITE_RIGHTS = ['s', 'w', 't', 'e', 'i'];

/** A mailbox opened by SELECT/EXAMINE: the handle the server passes back, with what the adapter needs. */
export interface OpenedMailbox {
  mailbox: VisibleMailbox;
  readonly readOnly: boolean;
  /** The folder's MODSEQ when it was opened: live changes are read from the journal after it. */
  modseq: bigint;
  /**
   * What this session changed itself: the library already answered those (FETCH FLAGS after STORE,
   * EXPUNGE after EXPUNGE), so the live feed does not echo them a second time.
   */
  readonly own: {
    readonly flagModseqs: Set<number>;
    /** MODSEQs of this session's own expunges, with their UIDs: their announcements need no journal read. */
    readonly expungeModseqs: Map<number, readonly number[]>;
    readonly expunged: Set<number>;
    /** This session's changes under way: the live feed waits for them to be recorded before it filters. */
    readonly changing: Set<Promise<void>>;
  };
  /** When the user's rights on it were last read (epoch ms). */
  checkedAt?: number;
  /** The session's live feed of it, while it is selected (see ImapChangesBackend.watch). */
  live?: {
    /** Announces a message this session appended; false when the journal must be read first. */
    readonly appended: (uid: number, modseq: number) => boolean;
    /** Reads the journal after the MODSEQ seen and emits what it holds; resolves once emitted. */
    readonly catchUp: () => Promise<void>;
  };
}

/** A fresh OpenedMailbox record. */
export function openedMailbox(mailbox: VisibleMailbox, readOnly: boolean, modseq: bigint): OpenedMailbox {
  return {
    mailbox,
    readOnly,
    modseq,
    own: { flagModseqs: new Set(), expungeModseqs: new Map(), expunged: new Set(), changing: new Set() },
  };
}

/**
 * Runs a change this session makes and records it in `own` (with `record`) before anyone waiting on it
 * resumes: the change's notification can reach the live feed, and the feed read the journal, before the
 * change's own answer is back, and the feed would then echo it as someone else's.
 */
export async function ownChange<T>(
  opened: OpenedMailbox,
  change: () => Promise<T>,
  record: (result: T) => void,
): Promise<T> {
  let settle!: () => void;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  opened.own.changing.add(settled);
  try {
    const result = await change();
    record(result);
    return result;
  } finally {
    opened.own.changing.delete(settled);
    settle();
  }
}

/**
 * The mailbox commands over FolderService: NAMESPACE, LIST/LSUB, STATUS, CREATE, DELETE, RENAME,
 * SUBSCRIBE and SELECT/EXAMINE. The hierarchy delimiter is the store's "/".
 */
export class ImapMailboxesBackend {
  constructor(
    private readonly deps: ImapStoreDependencies,
    private readonly resolver: ImapMailboxResolver,
  ) {}

  namespaces(): Promise<ImapNamespaces> {
    return Promise.resolve({
      personal: [{ prefix: '', delimiter: FOLDER_DELIMITER }],
      otherUsers: [{ prefix: OTHER_USERS_PREFIX + FOLDER_DELIMITER, delimiter: FOLDER_DELIMITER }],
      shared: [{ prefix: PUBLIC_FOLDERS_PREFIX + FOLDER_DELIMITER, delimiter: FOLDER_DELIMITER }],
    });
  }

  async *list(user: ImapUser, query: ListQuery): AsyncIterable<MailboxListEntry> {
    // Independent reads, asked together: the database answers the second while this thread waits.
    const [visible, listing] = await Promise.all([
      this.resolver.visible(user, { shared: true, kept: true }),
      this.resolver.publicListing(user),
    ]);
    const entries = withParents(visible, listing);
    await this.applyOwnSubscriptions(user, entries);
    const patterns = query.patterns.map((p) => listPattern(query.reference, p, FOLDER_DELIMITER));
    const names = entries.map((e) => e.name);
    for (const entry of entries) {
      if (!patterns.some((p) => p.test(entry.name))) continue;
      if (query.specialUseOnly && !entry.specialUse) continue;
      const subscribed = entry.mailbox?.subscribed ?? false;
      const childSubscribed = entries.some(
        (e) => e.name.startsWith(entry.name + FOLDER_DELIMITER) && e.mailbox?.subscribed,
      );
      if (query.subscribedOnly && !subscribed && !(query.recursiveMatch && childSubscribed)) continue;
      const children = names.some((n) => n.startsWith(entry.name + FOLDER_DELIMITER));
      const attributes = [children ? '\\HasChildren' : '\\HasNoChildren'];
      if (!entry.mailbox) attributes.unshift('\\Noselect');
      yield {
        name: entry.name,
        delimiter: FOLDER_DELIMITER,
        attributes,
        specialUse: entry.specialUse,
        subscribed,
      };
    }
  }

  async status(user: ImapUser, name: string, items: readonly StatusItem[]): Promise<MailboxStatus> {
    const mailbox = await this.resolver.resolve(user, name);
    if (!mailbox.rights.includes('r')) throw noPermission('read messages');
    const needsCounts = items.includes('UNSEEN') || items.includes('DELETED');
    // A folder some session has open is in the index; STATUS does not read a folder into it.
    const index = this.deps.index.current(mailbox.folderId);
    const state = index ? { ...index.state, ...index.counts() } : await this.state(mailbox.folderId, needsCounts);
    const values: Record<StatusItem, number | bigint> = {
      MESSAGES: state.messageCount,
      RECENT: 0,
      UIDNEXT: state.uidnext,
      UIDVALIDITY: state.uidvalidity,
      UNSEEN: state.unseen,
      HIGHESTMODSEQ: state.highestModseq,
      SIZE: state.sizeBytes,
      DELETED: state.deleted,
    };
    return Object.fromEntries(items.map((item) => [item, values[item]]));
  }

  async create(user: ImapUser, name: string, options?: { specialUse?: SpecialUse }): Promise<void> {
    if (options?.specialUse)
      throw new ImapBackendError('CANNOT', 'Special-use attributes belong to the default folders only');
    const canonical = canonicalName(name).replace(/\/+$/, '');
    // The public folder tree is the directory's: folders are created in the console (issue 4).
    if (canonical === PUBLIC_FOLDERS_PREFIX || canonical.startsWith(PUBLIC_FOLDERS_PREFIX + FOLDER_DELIMITER))
      throw new ImapBackendError('NOPERM', 'Public folders are created by administrators in the console');
    const visible = await this.resolver.visible(user);
    if (visible.some((m) => m.name === canonical))
      throw new ImapBackendError('ALREADYEXISTS', 'Mailbox already exists');
    const segments = canonical.split(FOLDER_DELIMITER);
    // RFC 3501 §6.3.3: superior names that do not exist are created too.
    const shared = segments[0] === OTHER_USERS_PREFIX;
    let parent = null as VisibleMailbox | null;
    for (let i = 1; i <= segments.length; i++) {
      const prefix = segments.slice(0, i).join(FOLDER_DELIMITER);
      const existing = visible.find((m) => m.name === prefix);
      if (existing) {
        parent = existing;
        continue;
      }
      // "Other Users" and "Other Users/<alias>" are names, not folders: creation starts below a shared folder.
      if (shared && i <= 2) continue;
      if (shared && !parent)
        throw new ImapBackendError('CANNOT', 'Mailboxes can only be created below a shared folder');
      if (parent && !parent.rights.includes('k')) throw noPermission('create mailboxes');
      const above: VisibleMailbox | null = parent;
      const ownerId: string = above?.ownerId ?? user.id;
      const view: FolderView = await storeCall(() =>
        this.deps.folders.create(ownerId, segments[i - 1], above?.folderId ?? null),
      );
      parent = {
        name: prefix,
        folderId: view.id,
        ownerId,
        path: view.path,
        rights: above?.rights ?? OWNER_RIGHTS,
        specialUse: null,
        subscribed: true,
        personal: above?.personal ?? true,
      };
    }
  }

  async delete(user: ImapUser, name: string): Promise<void> {
    const mailbox = await this.resolver.resolve(user, name);
    if (!mailbox.rights.includes('x')) throw noPermission('delete this mailbox');
    await storeCall(() => this.deps.folders.delete(mailbox.ownerId, mailbox.folderId));
  }

  async rename(user: ImapUser, from: string, to: string): Promise<void> {
    const source = await this.resolver.resolve(user, from);
    if (source.personal && source.name === 'INBOX') return this.renameInbox(user, source, to);
    if (!source.rights.includes('x')) throw noPermission('rename this mailbox');
    const target = canonicalName(to);
    const visible = await this.resolver.visible(user);
    if (visible.some((m) => m.name === target)) throw new ImapBackendError('ALREADYEXISTS', 'Target mailbox exists');
    const cut = target.lastIndexOf(FOLDER_DELIMITER);
    const leaf = target.slice(cut + 1);
    let parentId: string | null = null;
    if (cut >= 0) {
      const parent = visible.find((m) => m.name === target.slice(0, cut));
      if (!parent || parent.ownerId !== source.ownerId)
        throw new ImapBackendError('CANNOT', 'The new parent mailbox does not exist in the same mailbox');
      if (!parent.rights.includes('k')) throw noPermission('create mailboxes');
      parentId = parent.folderId;
    } else if (!source.personal) {
      throw new ImapBackendError('CANNOT', "A shared folder stays in its owner's mailbox");
    }
    await storeCall(() => this.deps.folders.rename(source.ownerId, source.folderId, leaf, parentId));
  }

  /**
   * RFC 3501 §6.3.5: renaming INBOX moves all its messages to a new mailbox of that name (created with its
   * superiors, as CREATE does; "INBOX" itself exists already) and leaves INBOX in place, empty.
   */
  private async renameInbox(user: ImapUser, inbox: VisibleMailbox, to: string): Promise<void> {
    await this.create(user, to);
    const target = await this.resolver.resolve(user, to);
    await storeCall(() => this.deps.messages.moveAll(inbox.folderId, target.folderId));
  }

  async setSubscribed(user: ImapUser, name: string, subscribed: boolean): Promise<void> {
    const mailbox = await this.resolver.resolve(user, name);
    // Someone else's folder or a public one: the subscription is this user's own, kept apart from the owner's.
    if (!mailbox.personal)
      return storeCall(() => this.deps.folders.setSubscribedElsewhere(user.id, mailbox.folderId, subscribed));
    await storeCall(() => this.deps.folders.setSubscribed(user.id, mailbox.folderId, subscribed));
  }

  /**
   * Folders shared with the user and public folders count as subscribed unless the user unsubscribed from
   * them; read only when the listing holds any.
   */
  private async applyOwnSubscriptions(user: ImapUser, entries: ListedName[]): Promise<void> {
    const foreign = entries.filter((e) => e.mailbox && !e.mailbox.personal);
    if (foreign.length === 0) return;
    const unsubscribed = await storeCall(() => this.deps.folders.unsubscribedElsewhere(user.id));
    if (unsubscribed.size === 0) return;
    for (const entry of foreign) {
      const mailbox = entry.mailbox as VisibleMailbox;
      if (unsubscribed.has(mailbox.folderId)) entry.mailbox = { ...mailbox, subscribed: false };
    }
  }

  async open(
    user: ImapUser,
    name: string,
    readOnly: boolean,
  ): Promise<{ snapshot: MailboxSnapshot; opened: OpenedMailbox }> {
    const mailbox = await this.resolver.resolve(user, name);
    if (!mailbox.rights.includes('r')) throw noPermission('read messages');
    const { state: found, messages } = await this.deps.index.snapshot(mailbox.folderId);
    const state = this.checked(found);
    const highestModseq = messages.reduce((max, m) => (m.modseq > max ? m.modseq : max), state.highestModseq);
    const writable = !readOnly && WRITE_RIGHTS.some((r) => mailbox.rights.includes(r));
    const keywords = [...new Set(messages.flatMap((m) => m.flags).filter((f) => !f.startsWith('\\')))].sort();
    const opened = openedMailbox(mailbox, !writable, highestModseq);
    return {
      opened,
      snapshot: {
        handle: { id: mailbox.folderId, name: mailbox.name },
        uidValidity: state.uidvalidity,
        uidNext: state.uidnext,
        highestModseq,
        flags: [...SYSTEM_FLAGS, ...keywords],
        permanentFlags: writable ? [...SYSTEM_FLAGS, ...keywords, '\\*'] : [],
        messages,
        unseen: messages.filter((m) => !m.flags.includes('\\Seen')).length,
        recent: 0,
        readOnly: !writable,
      },
    };
  }

  /** The folder's counters; its store must be mounted. */
  async state(folderId: string, counts = false): Promise<ImapFolderState & FlagCounts> {
    return this.checked(await this.deps.reads.folderState(folderId, counts));
  }

  /** A folder's counters as read; it must exist and its store must be mounted. */
  private checked<T extends ImapFolderState>(state: T | null): T {
    if (!state) throw noSuchMailbox();
    if (!state.mounted) throw toImapError(storeUnavailable(state.storeName));
    return state;
  }
}

interface ListedName {
  name: string;
  mailbox: VisibleMailbox | null;
  specialUse: SpecialUse | null;
}

/**
 * Shared folders come with their missing parents ("Other Users", "Other Users/alice") as \Noselect names;
 * the public folder tree below the \Noselect "Public Folders", its folders without items \Noselect too.
 */
function withParents(visible: readonly VisibleMailbox[], publicTree: readonly PublicListing[]): ListedName[] {
  const out: ListedName[] = [];
  const seen = new Set(visible.map((m) => m.name));
  if (publicTree.length > 0) {
    seen.add(PUBLIC_FOLDERS_PREFIX);
    out.push({ name: PUBLIC_FOLDERS_PREFIX, mailbox: null, specialUse: null });
    for (const entry of publicTree) {
      seen.add(entry.name);
      out.push({ name: entry.name, mailbox: entry.mailbox, specialUse: null });
    }
  }
  for (const mailbox of visible) {
    const segments = mailbox.name.split(FOLDER_DELIMITER);
    for (let i = 1; i < segments.length; i++) {
      const parent = segments.slice(0, i).join(FOLDER_DELIMITER);
      if (seen.has(parent)) continue;
      seen.add(parent);
      out.push({ name: parent, mailbox: null, specialUse: null });
    }
    out.push({ name: mailbox.name, mailbox, specialUse: mailbox.specialUse as SpecialUse | null });
  }
  return out;
}
