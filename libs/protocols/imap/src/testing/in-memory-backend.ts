import type {
  AclEntry,
  AppendMessage,
  AppendResult,
  AuthenticationResult,
  BodySection,
  CopyResult,
  FetchRequest,
  FlagChange,
  ImapBackend,
  ImapBodyStructure,
  ImapClientContext,
  ImapCredentials,
  ImapEnvelope,
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
  SearchResult,
  SectionContent,
  SortCriterion,
  SpecialUse,
  StatusItem,
  StoreResult,
  ThreadAlgorithm,
  ThreadNode,
  UidSet,
} from '../lib/backend/imap-backend';
import { ImapBackendError } from '../lib/backend/imap-backend';
import type { SearchKey } from '../lib/backend/search-key';
import { extractSection } from '../lib/mime/message-sections';
import { describeMessage } from '../lib/mime/mime-description';
import { listPatternMatcher } from '../lib/parser/list-pattern';
import { usesModseq } from '../lib/parser/search-args';
import { orderedSubjectThreads } from '../lib/threading/ordered-subject-thread';
import { referencesThreads } from '../lib/threading/references-thread';
import { sortMessages, type SortableMessage } from '../lib/threading/sort-order';
import { parseMessageIds, type ThreadMessage } from '../lib/threading/thread-message';

/** A message as a test gives it: raw bytes plus precomputed ENVELOPE and BODYSTRUCTURE (no MIME parser here). */
export interface FakeMessageInput {
  readonly raw: string | Buffer;
  readonly flags?: readonly string[];
  readonly internalDate?: Date;
  readonly envelope?: ImapEnvelope;
  readonly bodyStructure?: ImapBodyStructure;
}

interface FakeMessage {
  uid: number;
  modseq: bigint;
  flags: string[];
  readonly internalDate: Date;
  readonly raw: Buffer;
  readonly envelope: ImapEnvelope;
  readonly bodyStructure: ImapBodyStructure;
}

interface FakeMailbox {
  readonly id: string;
  name: string;
  readonly owner: string;
  readonly uidValidity: number;
  uidNext: number;
  highestModseq: bigint;
  messages: FakeMessage[];
  specialUse: SpecialUse | null;
  /** Deleted while it had children (RFC 3501 §6.3.4): the name stays as \Noselect. */
  noselect: boolean;
  subscribers: Set<string>;
  acl: Map<string, string>;
  /** UIDs expunged with the modseq of their expunge, for changesSince (QRESYNC VANISHED). */
  vanished: { uid: number; modseq: bigint }[];
}

interface FakeUser {
  readonly user: ImapUser;
  readonly password: string;
  imapEnabled: boolean;
  failures: number;
}

const ALL_RIGHTS = 'lrswipkxtecda';
const SYSTEM_FLAGS = ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'];
const DELIMITER = '/';
/** Where other users' mailboxes shared with the user appear (RFC 2342 other users' namespace). */
const OTHER_USERS = 'Other Users';

function emptyEnvelope(): ImapEnvelope {
  return {
    date: null,
    subject: null,
    from: null,
    sender: null,
    replyTo: null,
    to: null,
    cc: null,
    bcc: null,
    inReplyTo: null,
    messageId: null,
  };
}

function textBody(size: number, lines: number): ImapBodyStructure {
  return {
    kind: 'single',
    type: 'text',
    subtype: 'plain',
    parameters: { charset: 'us-ascii' },
    id: null,
    description: null,
    encoding: '7bit',
    size,
    lines,
    md5: null,
    disposition: null,
    language: null,
    location: null,
  };
}

function splitMessage(raw: Buffer): { header: Buffer; body: Buffer } {
  const end = raw.indexOf('\r\n\r\n');
  return end < 0
    ? { header: raw, body: Buffer.alloc(0) }
    : { header: raw.subarray(0, end + 4), body: raw.subarray(end + 4) };
}

function headerFields(header: Buffer): { name: string; text: string }[] {
  const fields: { name: string; text: string }[] = [];
  for (const line of header.toString('latin1').split(/\r\n(?![ \t])/)) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.push({ name: line.slice(0, colon).trim().toLowerCase(), text: `${line}\r\n` });
  }
  return fields;
}

/**
 * A complete in-memory ImapBackend for specs: users with passwords, mailboxes with messages, flags,
 * modseqs, ACLs, quotas and live change events. Message structure is given by the test, not parsed.
 * Section fetches address the whole message, HEADER, HEADER.FIELDS(.NOT) and TEXT of the top level.
 */
export class InMemoryImapBackend implements ImapBackend {
  private readonly users = new Map<string, FakeUser>();
  private readonly mailboxes = new Map<string, FakeMailbox>();
  private readonly listeners = new Map<string, Set<(event: MailboxEvent) => void>>();
  private nextId = 1;
  private nextUidValidity = 1000;
  /** Failed logins after which a user is throttled. */
  throttleAfter = 10;
  /** Quota per user in bytes (STORAGE is reported in KiB). */
  storageLimitBytes = 100 * 1024 * 1024;

  addUser(username: string, password: string, options: { imapEnabled?: boolean } = {}): ImapUser {
    const user: ImapUser = { id: `u${this.nextId++}`, username };
    this.users.set(username.toLowerCase(), { user, password, imapEnabled: options.imapEnabled ?? true, failures: 0 });
    this.addMailbox(username, 'INBOX');
    return user;
  }

  addMailbox(username: string, name: string, specialUse: SpecialUse | null = null): void {
    const key = this.key(username, name);
    if (this.mailboxes.has(key)) return;
    this.mailboxes.set(key, {
      id: `m${this.nextId++}`,
      name: /^inbox$/i.test(name) ? 'INBOX' : name,
      owner: username.toLowerCase(),
      uidValidity: this.nextUidValidity++,
      uidNext: 1,
      highestModseq: 1n,
      messages: [],
      specialUse,
      noselect: false,
      subscribers: new Set([username.toLowerCase()]),
      acl: new Map([[username.toLowerCase(), ALL_RIGHTS]]),
      vanished: [],
    });
  }

  /** Delivers a message as the store would (another session, an SMTP delivery): watchers see EXISTS. */
  deliver(username: string, mailbox: string, input: FakeMessageInput): number {
    const box = this.require(username, mailbox);
    const raw = typeof input.raw === 'string' ? Buffer.from(input.raw) : input.raw;
    // ENVELOPE and BODYSTRUCTURE come from the raw bytes unless the test gives them.
    const described = input.envelope && input.bodyStructure ? null : describeMessage(raw);
    const message: FakeMessage = {
      uid: box.uidNext++,
      modseq: ++box.highestModseq,
      flags: [...(input.flags ?? [])],
      internalDate: input.internalDate ?? new Date(),
      raw,
      envelope: input.envelope ?? described?.envelope ?? emptyEnvelope(),
      bodyStructure: input.bodyStructure ?? described?.bodyStructure ?? textBody(0, 0),
    };
    box.messages.push(message);
    this.emit(box, { kind: 'exists', uids: [message.uid] });
    return message.uid;
  }

  setImapEnabled(username: string, enabled: boolean): void {
    const user = this.users.get(username.toLowerCase());
    if (user) user.imapEnabled = enabled;
  }

  async authenticate(credentials: ImapCredentials, _context: ImapClientContext): Promise<AuthenticationResult> {
    const user = this.users.get(credentials.username.toLowerCase());
    if (user && user.failures >= this.throttleAfter) return { kind: 'throttled', retryAfterSeconds: 60 };
    if (!user || user.password !== credentials.password) {
      if (user) user.failures++;
      return { kind: 'wrong-credentials' };
    }
    if (credentials.authzid && credentials.authzid.toLowerCase() !== user.user.username.toLowerCase()) {
      return { kind: 'wrong-credentials' };
    }
    if (!user.imapEnabled) return { kind: 'protocol-disabled', message: 'IMAP access is disabled for this account' };
    user.failures = 0;
    return { kind: 'ok', user: user.user };
  }

  async namespaces(_user: ImapUser): Promise<ImapNamespaces> {
    return {
      personal: [{ prefix: '', delimiter: DELIMITER }],
      otherUsers: [{ prefix: 'Other Users/', delimiter: DELIMITER }],
      shared: [{ prefix: 'Public Folders/', delimiter: DELIMITER }],
    };
  }

  /**
   * LIST: the user's mailboxes, mailboxes others shared with a lookup right under "Other Users/<owner>/",
   * and \\Noselect parents for names only implied by the hierarchy.
   */
  async *listMailboxes(user: ImapUser, query: ListQuery): AsyncIterable<MailboxListEntry> {
    const patterns = query.patterns.map((p) => listPatternMatcher(query.reference, p, DELIMITER));
    const me = user.username.toLowerCase();
    const visible = this.visible(user);
    const names = new Map<string, FakeMailbox | null>(visible.map((v) => [v.name, v.box]));
    for (const name of [...names.keys()]) {
      for (let i = name.indexOf(DELIMITER); i >= 0; i = name.indexOf(DELIMITER, i + 1)) {
        if (!names.has(name.slice(0, i))) names.set(name.slice(0, i), null);
      }
    }
    const subscribed = (box: FakeMailbox | null | undefined): boolean => box?.subscribers.has(me) ?? false;
    for (const name of [...names.keys()].sort(byInboxFirst)) {
      if (!patterns.some((matches) => matches(name))) continue;
      const box = names.get(name) ?? null;
      const descendants = [...names].filter(([n]) => n.startsWith(name + DELIMITER));
      const isSubscribed = subscribed(box);
      if (query.subscribedOnly && !isSubscribed) {
        // RFC 5258 §3.5: with RECURSIVEMATCH a parent of subscribed mailboxes is listed (CHILDINFO).
        if (!query.recursiveMatch || !descendants.some(([, b]) => subscribed(b))) continue;
      }
      if (query.specialUseOnly && !box?.specialUse) continue;
      const attributes = [descendants.length > 0 ? '\\HasChildren' : '\\HasNoChildren'];
      if (!box || box.noselect) attributes.unshift('\\Noselect');
      yield { name, delimiter: DELIMITER, attributes, specialUse: box?.specialUse ?? null, subscribed: isSubscribed };
    }
  }

  async status(user: ImapUser, mailbox: string, items: readonly StatusItem[]): Promise<MailboxStatus> {
    const box = this.readable(user, mailbox);
    const values: Record<StatusItem, number | bigint> = {
      MESSAGES: box.messages.length,
      RECENT: 0,
      UIDNEXT: box.uidNext,
      UIDVALIDITY: box.uidValidity,
      UNSEEN: box.messages.filter((m) => !m.flags.includes('\\Seen')).length,
      HIGHESTMODSEQ: box.highestModseq,
      SIZE: box.messages.reduce((sum, m) => sum + m.raw.length, 0),
      DELETED: box.messages.filter((m) => m.flags.includes('\\Deleted')).length,
    };
    return Object.fromEntries(items.map((item) => [item, values[item]]));
  }

  async createMailbox(user: ImapUser, mailbox: string, options?: { specialUse?: SpecialUse }): Promise<void> {
    if (mailbox.startsWith(`${OTHER_USERS}${DELIMITER}`)) throw new ImapBackendError('NOPERM', 'Not your namespace');
    const existing = this.mailboxes.get(this.key(user.username, mailbox));
    if (existing && !existing.noselect) throw new ImapBackendError('ALREADYEXISTS', 'Mailbox already exists');
    if (existing) existing.noselect = false;
    // RFC 3501 §6.3.3: superior names are created as needed.
    for (let i = mailbox.indexOf(DELIMITER); i >= 0; i = mailbox.indexOf(DELIMITER, i + 1)) {
      this.addMailbox(user.username, mailbox.slice(0, i));
    }
    this.addMailbox(user.username, mailbox, options?.specialUse ?? null);
  }

  async deleteMailbox(user: ImapUser, mailbox: string): Promise<void> {
    if (/^inbox$/i.test(mailbox)) throw new ImapBackendError('CANNOT', 'INBOX cannot be deleted');
    const box = this.writable(user, mailbox, 'x');
    const prefix = box.name + DELIMITER;
    const hasChildren = [...this.mailboxes.values()].some((m) => m.owner === box.owner && m.name.startsWith(prefix));
    if (hasChildren) {
      // RFC 3501 §6.3.4: the messages go, the name stays as \Noselect; a \Noselect parent cannot go.
      if (box.noselect) throw new ImapBackendError('CANNOT', 'Mailbox has children');
      this.remove(
        box,
        box.messages.map((m) => m.uid),
      );
      box.noselect = true;
      return;
    }
    this.mailboxes.delete(this.key(box.owner, box.name));
  }

  async renameMailbox(user: ImapUser, from: string, to: string): Promise<void> {
    const source = this.writable(user, from, 'x');
    if (this.mailboxes.has(this.key(user.username, to))) throw new ImapBackendError('ALREADYEXISTS', 'Target exists');
    if (/^inbox$/i.test(from)) {
      // RFC 3501 §6.3.5: renaming INBOX moves its messages to a new mailbox and leaves INBOX empty.
      this.addMailbox(user.username, to);
      const target = this.require(user.username, to);
      target.messages = source.messages.map((m) => ({ ...m, uid: target.uidNext++ }));
      const gone = source.messages.map((m) => m.uid);
      source.messages = [];
      this.emit(source, { kind: 'expunge', uids: gone });
      return;
    }
    // Superior names of the target are created as needed; inferior names move with the mailbox (RFC 3501 §6.3.5).
    for (let i = to.indexOf(DELIMITER); i >= 0; i = to.indexOf(DELIMITER, i + 1)) {
      this.addMailbox(user.username, to.slice(0, i));
    }
    const old = source.name;
    for (const box of [...this.mailboxes.values()].filter(
      (m) => m.owner === source.owner && (m === source || m.name.startsWith(old + DELIMITER)),
    )) {
      this.mailboxes.delete(this.key(box.owner, box.name));
      box.name = to + box.name.slice(old.length);
      this.mailboxes.set(this.key(box.owner, box.name), box);
    }
  }

  async setSubscribed(user: ImapUser, mailbox: string, subscribed: boolean): Promise<void> {
    const box = this.readable(user, mailbox);
    if (subscribed) box.subscribers.add(user.username.toLowerCase());
    else box.subscribers.delete(user.username.toLowerCase());
  }

  async openMailbox(user: ImapUser, mailbox: string, options: { readOnly: boolean }): Promise<MailboxSnapshot> {
    const box = this.readable(user, mailbox);
    const rights = box.acl.get(user.username.toLowerCase()) ?? '';
    return {
      handle: { id: box.id, name: box.name },
      uidValidity: box.uidValidity,
      uidNext: box.uidNext,
      highestModseq: box.highestModseq,
      flags: SYSTEM_FLAGS,
      permanentFlags: [...SYSTEM_FLAGS, '\\*'],
      messages: box.messages.map((m) => ({ uid: m.uid, modseq: m.modseq, flags: [...m.flags] })),
      unseen: box.messages.filter((m) => !m.flags.includes('\\Seen')).length,
      recent: 0,
      readOnly: options.readOnly || !rights.includes('s'),
    };
  }

  async *fetch(
    user: ImapUser,
    mailbox: MailboxHandle,
    uids: UidSet,
    request: FetchRequest,
  ): AsyncIterable<MessageRecord> {
    const box = this.byHandle(user, mailbox);
    const wanted = new Set(uids);
    for (const message of box.messages.filter((m) => wanted.has(m.uid))) {
      if (request.markSeen && !message.flags.includes('\\Seen')) {
        message.flags.push('\\Seen');
        message.modseq = ++box.highestModseq;
        this.emit(box, { kind: 'flags', uid: message.uid, flags: [...message.flags], modseq: message.modseq });
      }
      yield {
        uid: message.uid,
        flags: request.flags ? [...message.flags] : undefined,
        internalDate: request.internalDate ? message.internalDate : undefined,
        size: request.size ? message.raw.length : undefined,
        envelope: request.envelope ? message.envelope : undefined,
        bodyStructure: request.bodyStructure ? message.bodyStructure : undefined,
        modseq: request.modseq ? message.modseq : undefined,
        sections: request.sections.map((section) => this.section(message, section)),
      };
    }
  }

  async search(user: ImapUser, mailbox: MailboxHandle, key: SearchKey): Promise<SearchResult> {
    const box = this.byHandle(user, mailbox);
    const matches = box.messages.filter((m) => this.matches(m, key));
    const highestModseq = matches.reduce((max, m) => (m.modseq > max ? m.modseq : max), 0n);
    return { uids: matches.map((m) => m.uid), highestModseq: usesModseq(key) ? highestModseq : undefined };
  }

  async sort(
    user: ImapUser,
    mailbox: MailboxHandle,
    criteria: readonly SortCriterion[],
    key: SearchKey,
  ): Promise<number[]> {
    const box = this.byHandle(user, mailbox);
    const sortable = box.messages
      .filter((m) => this.matches(m, key))
      .map((m): SortableMessage => ({
        uid: m.uid,
        internalDate: m.internalDate.getTime(),
        sentDate: sentDate(m),
        size: m.raw.length,
        envelope: m.envelope,
      }));
    return sortMessages(sortable, criteria);
  }

  /** THREAD with the library's RFC 5256 algorithms over the envelope and References/In-Reply-To. */
  async thread(
    user: ImapUser,
    mailbox: MailboxHandle,
    algorithm: ThreadAlgorithm,
    key: SearchKey,
  ): Promise<ThreadNode[]> {
    const box = this.byHandle(user, mailbox);
    const messages = box.messages
      .filter((x) => this.matches(x, key))
      .map((m): ThreadMessage => {
        const fields = headerFields(splitMessage(m.raw).header);
        const value = (name: string): string | undefined =>
          fields.find((f) => f.name === name)?.text.slice(name.length + 1);
        const references = parseMessageIds(value('references'));
        return {
          uid: m.uid,
          subject: m.envelope.subject,
          sentDate: sentDate(m),
          messageId: m.envelope.messageId ?? parseMessageIds(value('message-id'))[0] ?? null,
          references: references.length > 0 ? references : parseMessageIds(value('in-reply-to')).slice(0, 1),
        };
      });
    return algorithm === 'REFERENCES' ? referencesThreads(messages) : orderedSubjectThreads(messages);
  }

  async storeFlags(user: ImapUser, mailbox: MailboxHandle, uids: UidSet, change: FlagChange): Promise<StoreResult> {
    const box = this.byHandle(user, mailbox);
    this.requireRight(box, user, 'w');
    const wanted = new Set(uids);
    const updated: StoreResult['updated'][number][] = [];
    const modified: number[] = [];
    for (const message of box.messages.filter((m) => wanted.has(m.uid))) {
      if (change.unchangedSince !== undefined && message.modseq > change.unchangedSince) {
        modified.push(message.uid);
        continue;
      }
      const before = message.flags.join(' ');
      if (change.operation === 'set') message.flags = [...change.flags];
      else if (change.operation === 'add') message.flags = [...new Set([...message.flags, ...change.flags])];
      else message.flags = message.flags.filter((f) => !change.flags.some((r) => r.toLowerCase() === f.toLowerCase()));
      if (message.flags.join(' ') !== before) {
        message.modseq = ++box.highestModseq;
        this.emit(box, { kind: 'flags', uid: message.uid, flags: [...message.flags], modseq: message.modseq });
      }
      updated.push({ uid: message.uid, flags: [...message.flags], modseq: message.modseq });
    }
    return { updated, modified };
  }

  async copyMessages(
    user: ImapUser,
    mailbox: MailboxHandle,
    uids: UidSet,
    target: string,
    move: boolean,
  ): Promise<CopyResult> {
    const box = this.byHandle(user, mailbox);
    const destination = this.writable(user, target, 'i');
    const wanted = new Set(uids);
    const moving = box.messages.filter((m) => wanted.has(m.uid));
    const targetUids: number[] = [];
    for (const message of moving) {
      const uid = destination.uidNext++;
      destination.messages.push({ ...message, uid, flags: [...message.flags], modseq: ++destination.highestModseq });
      targetUids.push(uid);
    }
    if (moving.length) this.emit(destination, { kind: 'exists', uids: targetUids });
    if (move)
      this.remove(
        box,
        moving.map((m) => m.uid),
      );
    return { uidValidity: destination.uidValidity, sourceUids: moving.map((m) => m.uid), targetUids };
  }

  async expunge(user: ImapUser, mailbox: MailboxHandle, uids?: UidSet): Promise<number[]> {
    const box = this.byHandle(user, mailbox);
    this.requireRight(box, user, 'e');
    const limit = uids ? new Set(uids) : null;
    const gone = box.messages
      .filter((m) => m.flags.includes('\\Deleted') && (!limit || limit.has(m.uid)))
      .map((m) => m.uid);
    this.remove(box, gone);
    return gone;
  }

  async append(user: ImapUser, mailbox: string, message: AppendMessage): Promise<AppendResult> {
    const box = this.mailboxes.get(this.key(user.username, mailbox));
    if (!box) return { kind: 'no-mailbox' };
    if (!Buffer.isBuffer(message.content)) throw new ImapBackendError('CANNOT', 'The fake takes buffers only');
    const used = this.usage(user.username);
    if (used + message.size > this.storageLimitBytes) return { kind: 'over-quota' };
    const uid = this.deliver(user.username, mailbox, {
      raw: message.content,
      flags: message.flags,
      internalDate: message.internalDate,
    });
    return { kind: 'ok', uidValidity: box.uidValidity, uid };
  }

  async getQuotaRoot(user: ImapUser, mailbox: string): Promise<{ roots: string[]; quotas: Quota[] }> {
    this.readable(user, mailbox);
    return { roots: [''], quotas: [await this.getQuota(user, '')] };
  }

  async getQuota(user: ImapUser, root: string): Promise<Quota> {
    if (root !== '') throw new ImapBackendError('NONEXISTENT', 'No such quota root');
    return {
      root: '',
      resources: [
        {
          name: 'STORAGE',
          usage: Math.ceil(this.usage(user.username) / 1024),
          limit: Math.floor(this.storageLimitBytes / 1024),
        },
      ],
    };
  }

  async getAcl(user: ImapUser, mailbox: string): Promise<AclEntry[]> {
    const box = this.readable(user, mailbox);
    this.requireRight(box, user, 'a');
    return [...box.acl].map(([identifier, rights]) => ({ identifier, rights }));
  }

  async setAcl(user: ImapUser, mailbox: string, identifier: string, rights: string): Promise<void> {
    const box = this.readable(user, mailbox);
    this.requireRight(box, user, 'a');
    const current = box.acl.get(identifier) ?? '';
    const letters = rights.replace(/^[+-]/, '');
    const next = rights.startsWith('+')
      ? [...new Set(current + letters)].join('')
      : rights.startsWith('-')
        ? [...current].filter((c) => !letters.includes(c)).join('')
        : letters;
    box.acl.set(identifier, next);
  }

  async deleteAcl(user: ImapUser, mailbox: string, identifier: string): Promise<void> {
    const box = this.readable(user, mailbox);
    this.requireRight(box, user, 'a');
    box.acl.delete(identifier);
  }

  async myRights(user: ImapUser, mailbox: string): Promise<string> {
    return this.readable(user, mailbox).acl.get(user.username.toLowerCase()) ?? '';
  }

  async listRights(
    user: ImapUser,
    mailbox: string,
    _identifier: string,
  ): Promise<{ required: string; optional: string[] }> {
    this.readable(user, mailbox);
    return { required: '', optional: ALL_RIGHTS.split('') };
  }

  async changesSince(user: ImapUser, mailbox: MailboxHandle, modseq: bigint): Promise<MailboxChanges> {
    const box = this.byHandle(user, mailbox);
    return {
      highestModseq: box.highestModseq,
      changed: box.messages
        .filter((m) => m.modseq > modseq)
        .map((m) => ({ uid: m.uid, flags: [...m.flags], modseq: m.modseq })),
      vanished: box.vanished.filter((v) => v.modseq > modseq).map((v) => v.uid),
    };
  }

  watch(user: ImapUser, mailbox: MailboxHandle, listener: (event: MailboxEvent) => void): () => void {
    const box = this.byHandle(user, mailbox);
    const set = this.listeners.get(box.id) ?? new Set();
    set.add(listener);
    this.listeners.set(box.id, set);
    return () => set.delete(listener);
  }

  private section(message: FakeMessage, section: BodySection): SectionContent {
    const content = extractSection(message.raw, section);
    return { section, length: content.length, content };
  }

  private matches(message: FakeMessage, key: SearchKey): boolean {
    const text = (value: string | null | undefined, needle: string): boolean =>
      (value ?? '').toLowerCase().includes(needle.toLowerCase());
    switch (key.kind) {
      case 'all':
        return true;
      case 'and':
        return key.keys.every((k) => this.matches(message, k));
      case 'or':
        return this.matches(message, key.left) || this.matches(message, key.right);
      case 'not':
        return !this.matches(message, key.key);
      case 'uid':
        return key.uids.includes(message.uid);
      case 'flag':
        return message.flags.some((f) => f.toLowerCase() === key.flag.toLowerCase()) === key.set;
      case 'new':
        return message.flags.includes('\\Recent') && !message.flags.includes('\\Seen');
      case 'old':
        return !message.flags.includes('\\Recent');
      case 'date': {
        // RFC 3501 §6.4.4: the date part only, disregarding time and timezone.
        const day = key.field === 'internal' ? message.internalDate.toISOString().slice(0, 10) : sentDay(message);
        if (day === null) return false;
        return key.op === 'before' ? day < key.date : key.op === 'on' ? day === key.date : day >= key.date;
      }
      case 'size':
        return key.op === 'larger' ? message.raw.length > key.bytes : message.raw.length < key.bytes;
      case 'header': {
        const { header } = splitMessage(message.raw);
        return headerFields(header).some(
          (f) => f.name === key.field.toLowerCase() && text(f.text.slice(f.name.length + 1), key.value),
        );
      }
      case 'body':
        return text(splitMessage(message.raw).body.toString('utf8'), key.value);
      case 'text':
        return text(message.raw.toString('utf8'), key.value);
      case 'modseq':
        return message.modseq >= key.modseq;
    }
  }

  private remove(box: FakeMailbox, uids: number[]): void {
    if (uids.length === 0) return;
    const gone = new Set(uids);
    box.messages = box.messages.filter((m) => !gone.has(m.uid));
    const modseq = ++box.highestModseq;
    box.vanished.push(...uids.map((uid) => ({ uid, modseq })));
    this.emit(box, { kind: 'expunge', uids });
  }

  private emit(box: FakeMailbox, event: MailboxEvent): void {
    for (const listener of this.listeners.get(box.id) ?? []) listener(event);
  }

  private usage(username: string): number {
    return [...this.mailboxes.values()]
      .filter((m) => m.owner === username.toLowerCase())
      .reduce((sum, m) => sum + m.messages.reduce((s, x) => s + x.raw.length, 0), 0);
  }

  private key(username: string, mailbox: string): string {
    return `${username.toLowerCase()}\0${/^inbox$/i.test(mailbox) ? 'INBOX' : mailbox}`;
  }

  private require(username: string, mailbox: string): FakeMailbox {
    const box = this.mailboxes.get(this.key(username, mailbox));
    if (!box) throw new ImapBackendError('NONEXISTENT', 'No such mailbox');
    return box;
  }

  /** A name as the user sees it: own, or "Other Users/<owner>/<name>" of a mailbox shared with them. */
  private locate(user: ImapUser, mailbox: string): FakeMailbox {
    const prefix = `${OTHER_USERS}${DELIMITER}`;
    if (!mailbox.startsWith(prefix)) return this.require(user.username, mailbox);
    const rest = mailbox.slice(prefix.length);
    const slash = rest.indexOf(DELIMITER);
    if (slash < 0) throw new ImapBackendError('NONEXISTENT', 'No such mailbox');
    return this.require(rest.slice(0, slash), rest.slice(slash + 1));
  }

  /** Every mailbox the user may look up, with the name the user sees. */
  private visible(user: ImapUser): { name: string; box: FakeMailbox }[] {
    const me = user.username.toLowerCase();
    return [...this.mailboxes.values()]
      .filter((m) => (m.acl.get(me) ?? '').includes('l'))
      .map((box) => ({
        name: box.owner === me ? box.name : `${OTHER_USERS}${DELIMITER}${box.owner}${DELIMITER}${box.name}`,
        box,
      }));
  }

  private readable(user: ImapUser, mailbox: string): FakeMailbox {
    const box = this.locate(user, mailbox);
    this.requireRight(box, user, 'l');
    return box;
  }

  private writable(user: ImapUser, mailbox: string, right: string): FakeMailbox {
    const box = this.readable(user, mailbox);
    this.requireRight(box, user, right);
    return box;
  }

  private byHandle(user: ImapUser, handle: MailboxHandle): FakeMailbox {
    const box = [...this.mailboxes.values()].find((m) => m.id === handle.id);
    // A handle of another user's mailbox is as good as none: never show one user's data to another.
    if (!box || !(box.acl.get(user.username.toLowerCase()) ?? '').includes('r')) {
      throw new ImapBackendError('NONEXISTENT', 'No such mailbox');
    }
    return box;
  }

  private requireRight(box: FakeMailbox, user: ImapUser, right: string): void {
    if (!(box.acl.get(user.username.toLowerCase()) ?? '').includes(right)) {
      throw new ImapBackendError('NOPERM', 'Permission denied');
    }
  }
}

/** INBOX first, then by name (clients expect INBOX at the top; the order is otherwise free). */
function byInboxFirst(a: string, b: string): number {
  if (a === 'INBOX' || b === 'INBOX') return a === 'INBOX' ? (b === 'INBOX' ? 0 : -1) : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** RFC 5256 §2.2: the Date header, or the internal date when it is missing or unparsable. */
function sentDate(message: FakeMessage): number {
  return Date.parse(message.envelope.date ?? '') || message.internalDate.getTime();
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The calendar day written in the Date header (its own timezone), YYYY-MM-DD, or null. */
function sentDay(message: FakeMessage): string | null {
  const match = /(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})/.exec(message.envelope.date ?? '');
  const month = match ? MONTHS.indexOf(match[2].toLowerCase()) : -1;
  if (!match || month < 0) return null;
  return `${match[3]}-${String(month + 1).padStart(2, '0')}-${match[1].padStart(2, '0')}`;
}
