import type { PublicFolderDto } from '@estafette/contracts';
import { rightsOfRole } from '@estafette/directory';
import type { ImapUser } from '@estafette/protocols-imap';
import {
  FOLDER_DELIMITER,
  MailboxNotFoundError,
  OWNER_RIGHTS,
  StoreUnavailableError,
  type FolderView,
  type SharedFolder,
} from '@estafette/store';
import { imapRightsOfPublicRole, publicRoleOf } from './imap-public-rights';
import { noSuchMailbox, storeCall } from './imap-store-errors';
import type { ImapStoreDependencies } from './imap-store.dependencies';

/** RFC 2342 other users' namespace: "Other Users/<owner alias>/<path in the owner's mailbox>". */
export const OTHER_USERS_PREFIX = 'Other Users';

/** RFC 2342 shared namespace: the public folder tree, "Public Folders/<path>". */
export const PUBLIC_FOLDERS_PREFIX = 'Public Folders';

/** Users whose own mailbox list is kept for name resolution. */
const KEPT_LISTS = 10_000;

/** Public folders deeper than this are not listed (a guard: the tree is walked one level per query). */
const PUBLIC_TREE_DEPTH = 16;

/** A selectable mailbox as this user sees it: a store folder, whose owner and the user's rights on it. */
export interface VisibleMailbox {
  /** The IMAP name ("INBOX", "INBOX/Sub", "Sent Items", "Other Users/alice/Inbox"). */
  readonly name: string;
  readonly folderId: string;
  readonly ownerId: string;
  /** The folder's path in its owner's mailbox. */
  readonly path: string;
  /** RFC 4314 rights of this user on the folder. */
  readonly rights: string;
  readonly specialUse: string | null;
  readonly subscribed: boolean;
  readonly personal: boolean;
  /** Set for the shared namespace: the public folder whose items this store folder holds. */
  readonly publicFolderId?: string;
}

/** A name of the public folder tree for LIST: a mailbox once the folder has items, else a \\Noselect name. */
export interface PublicListing {
  readonly name: string;
  readonly mailbox: VisibleMailbox | null;
}

/** The IMAP name of one of the user's own folders: the Inbox is INBOX (RFC 3501 §5.1), its subfolders below it. */
export function personalName(view: FolderView, inboxPath: string | null): string {
  if (inboxPath === null) return view.path;
  if (view.path === inboxPath) return 'INBOX';
  if (view.path.startsWith(inboxPath + FOLDER_DELIMITER)) return 'INBOX' + view.path.slice(inboxPath.length);
  return view.path;
}

/** RFC 3501 §5.1: INBOX is case-insensitive, also as the first level of a hierarchical name. */
export function canonicalName(name: string): string {
  const [first, ...rest] = name.split(FOLDER_DELIMITER);
  return first.toUpperCase() === 'INBOX' ? ['INBOX', ...rest].join(FOLDER_DELIMITER) : name;
}

/** The user's own folders as mailboxes: every right (RFC 4314 owner), the Inbox named INBOX. */
function personalMailboxes(user: ImapUser, own: readonly FolderView[]): VisibleMailbox[] {
  const inbox = own.find((f) => f.role === 'inbox' && f.parentId === null)?.path ?? null;
  return own.map((view) => ({
    name: personalName(view, inbox),
    folderId: view.id,
    ownerId: user.id,
    path: view.path,
    rights: OWNER_RIGHTS,
    specialUse: view.specialUse,
    subscribed: view.subscribed,
    personal: true,
  }));
}

/** Per user, what the last read found, valid for one generation of the resolver (see ImapMailboxResolver). */
class KeptPerUser<T> {
  private readonly entries = new Map<string, { generation: number; value: T }>();

  get(userId: string, generation: number): T | undefined {
    const kept = this.entries.get(userId);
    return kept?.generation === generation ? kept.value : undefined;
  }

  set(userId: string, generation: number, value: T): void {
    this.entries.delete(userId);
    // Bounded: the least recently read goes first.
    if (this.entries.size >= KEPT_LISTS) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(userId, { generation, value });
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * Maps IMAP names to store folders for one user: the personal namespace is the user's own mailbox (every
 * right, RFC 4314 owner), the other users' namespace the folders FolderAclService.sharedWith says the user
 * may look up, the shared namespace the public folder tree. What LIST shows of each is kept between
 * commands until a trigger says it changed (see ownLists).
 */
export class ImapMailboxResolver {
  /**
   * Each user's own mailboxes as the last read found them, for resolving names and for LIST: commands name
   * a mailbox far more often than folders are created, renamed or deleted. A database trigger announces every
   * such change (and a store's mount or dismount); any announcement, or a lost notification connection, starts
   * a new generation and every list is read again. A name not in a kept list is looked up afresh too. The
   * grants of others (sharedLists) and the public folder listing (publicLists) are kept the same way for
   * LIST: their triggers (migration 1764301200000) announce grants, owners' aliases, the public tree, its
   * permissions and public stores; a SETACL in this process is announced here at once.
   */
  private readonly ownLists = new KeptPerUser<VisibleMailbox[]>();
  private readonly sharedLists = new KeptPerUser<SharedFolder[]>();
  private readonly publicLists = new KeptPerUser<PublicListing[]>();
  private generation = 0;

  constructor(private readonly deps: ImapStoreDependencies) {
    deps.notifier.folderListChanges.subscribe(() => this.forget());
  }

  /**
   * Every kept list is read again: on any folder list change (announced at once by FolderService for a
   * change made in this process, by the database trigger for every change) or after a resync.
   */
  private forget(): void {
    this.generation++;
    this.ownLists.clear();
    this.sharedLists.clear();
    this.publicLists.clear();
  }

  /**
   * Every mailbox the user may see, personal first in the store's order, then the shared ones. `kept`: the
   * user's own list may come from ownLists (LIST); a name that was not found there is looked up afresh.
   */
  async visible(
    user: ImapUser,
    options: { shared: boolean; kept?: boolean } = { shared: true },
  ): Promise<VisibleMailbox[]> {
    const generation = this.generation;
    const keptList = (options.kept && this.ownLists.get(user.id, generation)) || null;
    const keptShared = (options.kept && options.shared && this.sharedLists.get(user.id, generation)) || null;
    const [own, read] = await storeCall(() =>
      Promise.all([
        keptList ? null : this.deps.folders.list(user.id),
        options.shared && !keptShared ? this.deps.acl.sharedWith(user.id) : Promise.resolve(null),
      ]),
    );
    const personal = keptList ?? personalMailboxes(user, own ?? []);
    const shared = keptShared ?? read ?? [];
    if (generation === this.generation) {
      if (!keptList) this.ownLists.set(user.id, generation, personal);
      if (read) this.sharedLists.set(user.id, generation, read);
    }
    const others = shared.map((s) => ({
      name: [OTHER_USERS_PREFIX, s.ownerAlias, s.path].join(FOLDER_DELIMITER),
      folderId: s.folderId,
      ownerId: s.ownerId,
      path: s.path,
      rights: s.rights,
      specialUse: null,
      // Subscriptions are kept per folder for its owner; another user's view of a shared folder counts as subscribed.
      subscribed: true,
      personal: false,
    }));
    return [...personal, ...others];
  }

  /**
   * The public folder tree for LIST. Every folder the user may see is a mailbox: one nothing was ever
   * posted to gets its content folder in its public store when first listed or opened; while that store
   * is dismounted (or the organisation has none) it is listed as a \\Noselect name.
   */
  async publicListing(user: ImapUser): Promise<PublicListing[]> {
    const generation = this.generation;
    const kept = this.publicLists.get(user.id, generation);
    if (kept) return kept;
    const out: PublicListing[] = [];
    const walk = async (parentId: string | undefined, prefix: string, depth: number): Promise<void> => {
      if (depth > PUBLIC_TREE_DEPTH) return;
      for (const folder of await this.deps.publicFolders.children(parentId)) {
        const name = prefix + FOLDER_DELIMITER + folder.name;
        out.push({ name, mailbox: await this.publicMailbox(user, name, folder, true) });
        if (folder.hasChildren) await walk(folder.id, name, depth + 1);
      }
    };
    await storeCall(() => walk(undefined, PUBLIC_FOLDERS_PREFIX, 1));
    if (generation === this.generation) this.publicLists.set(user.id, generation, out);
    return out;
  }

  /** "Public Folders/<path>": walks the tree along the path only, so a command reads one branch. */
  private async resolvePublic(user: ImapUser, name: string): Promise<VisibleMailbox> {
    const segments = name.split(FOLDER_DELIMITER).slice(1);
    if (segments.length === 0 || segments.length > PUBLIC_TREE_DEPTH) throw noSuchMailbox();
    let parentId: string | undefined;
    let folder: PublicFolderDto | undefined;
    for (const segment of segments) {
      const children: PublicFolderDto[] = await storeCall(() => this.deps.publicFolders.children(parentId));
      folder = children.find((c) => c.name === segment);
      if (!folder) throw noSuchMailbox();
      parentId = folder.id;
    }
    const mailbox = folder ? await this.publicMailbox(user, name, folder) : null;
    if (!mailbox) throw noSuchMailbox();
    return mailbox;
  }

  /**
   * The mailbox of a public folder for this user: its content folder and the user's role as RFC 4314
   * rights. `listing`: a store that cannot take the content folder now leaves the folder \\Noselect
   * instead of failing the whole LIST.
   */
  private async publicMailbox(
    user: ImapUser,
    name: string,
    folder: PublicFolderDto,
    listing = false,
  ): Promise<VisibleMailbox | null> {
    const rights = imapRightsOfPublicRole(rightsOfRole(publicRoleOf(folder.permissions, user.id)));
    if (!rights.includes('l')) return null;
    const folderId = await this.contentFolder(folder.id, listing);
    if (!folderId) return null;
    return {
      name,
      folderId,
      // Its own owner key: copies between two public folders, or with a mailbox, go one message at a time.
      ownerId: `public:${folder.id}`,
      path: folder.path,
      rights,
      specialUse: null,
      subscribed: true,
      personal: false,
      publicFolderId: folder.id,
    };
  }

  /** The content folder of a public folder, created in its public store at first use; null without a store. */
  private async contentFolder(publicFolderId: string, listing: boolean): Promise<string | null> {
    const existing = await storeCall(() => this.deps.publicContent.contentFolderOf(publicFolderId));
    if (existing) return existing;
    const storeId = await storeCall(() => this.deps.publicStores.homeStore(publicFolderId));
    if (!storeId) return null;
    return storeCall(() =>
      this.deps.publicContent.openContentFolder(publicFolderId, storeId).catch((error: unknown) => {
        if (listing && (error instanceof StoreUnavailableError || error instanceof MailboxNotFoundError)) return null;
        throw error;
      }),
    );
  }

  /** The mailbox of that name; NO [NONEXISTENT] when the user cannot see it (RFC 4314 §6: no "l", no name). */
  async resolve(user: ImapUser, name: string): Promise<VisibleMailbox> {
    const wanted = canonicalName(name);
    if (wanted.startsWith(PUBLIC_FOLDERS_PREFIX + FOLDER_DELIMITER)) return this.resolvePublic(user, wanted);
    // A personal name needs only the user's own folders: the grants of others are read for "Other Users/…".
    const shared = wanted === OTHER_USERS_PREFIX || wanted.startsWith(OTHER_USERS_PREFIX + FOLDER_DELIMITER);
    if (!shared) {
      const hit = this.ownLists.get(user.id, this.generation)?.find((m) => m.name === wanted);
      if (hit) return hit;
    }
    const found = (await this.visible(user, { shared })).find((m) => m.name === wanted);
    if (!found) throw noSuchMailbox();
    return found;
  }
}
