import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type {
  Pop3AuthResult,
  Pop3Backend,
  Pop3Maildrop,
  Pop3MaildropResult,
  Pop3MessageContent,
  Pop3MessageInfo,
  Pop3SessionInfo,
} from '@estafette/protocols-pop3';
import type { MailLoginService } from '@estafette/security';
import {
  storeNamespace,
  StoreUnavailableError,
  type BlobStore,
  type FolderService,
  type MailboxService,
  type MessageService,
} from '@estafette/store';
import type { Pop3MaildropLockRepository } from './pop3-maildrop-lock.repository';

/** Who logged in: the recipient and the name it used. */
export interface Pop3Principal {
  recipientId: string;
  login: string;
}

/** What the adapter needs of the server; one set per process, shared by every POP3 listener. */
export interface Pop3BackendDependencies {
  mailLogin: MailLoginService;
  mailboxes: MailboxService;
  folders: FolderService;
  messages: MessageService;
  blobs: BlobStore;
  locks: Pop3MaildropLockRepository;
}

/** A lock lives this long unless renewed; the session renews it every third of that. */
export const MAILDROP_LEASE_MS = 120_000;
/** Messages up to this size are read in one go; larger ones stream. */
const READ_WHOLE_BYTES = 256 * 1024;
/** Maildrop places remembered (see placeOf), and for how long. */
const PLACE_CACHE_SIZE = 10_000;
const PLACE_TTL_MS = 60_000;

interface MaildropPlace {
  mailboxId: string;
  namespace: string;
  inboxId: string;
  /** When this process last recorded a logon for the user. */
  recordedAt: number;
}
/** Names this process in lock rows (with the session id), so a lock is only ever released by its holder. */
const PROCESS_TAG = randomBytes(6).toString('hex');

/**
 * POP3 over the store, as Exchange did it: the maildrop is the Inbox, nothing else. Logins go through
 * MailLoginService (POP3 must be enabled for the user); a logon is recorded on the mailbox; the maildrop
 * lock is a row with a lease (Pop3MaildropLockRepository), so it holds across server processes. DELE
 * then QUIT expunges: the messages leave the Inbox and stay recoverable for the store's deleted item
 * retention (MessageService.expunge keeps the rows until RetentionService purges them).
 */
export class Pop3BackendAdapter implements Pop3Backend<Pop3Principal> {
  private readonly logger = new Logger('POP3');
  private readonly places = new Map<string, MaildropPlace>();

  constructor(private readonly deps: Pop3BackendDependencies) {}

  async authenticate(user: string, password: string, session: Pop3SessionInfo): Promise<Pop3AuthResult<Pop3Principal>> {
    const result = await this.deps.mailLogin.login('pop3', user, password, session.remoteAddress);
    switch (result.kind) {
      case 'ok':
        return { kind: 'ok', principal: { recipientId: result.account.id, login: user } };
      case 'wrong-credentials':
        return { kind: 'wrong-credentials' };
      case 'disabled':
        return { kind: 'disabled', message: result.message };
      case 'throttled':
        return { kind: 'throttled', message: result.message };
    }
  }

  async openMaildrop(principal: Pop3Principal, session: Pop3SessionInfo): Promise<Pop3MaildropResult> {
    const { messages, locks } = this.deps;
    let place: MaildropPlace;
    try {
      place = await this.placeOf(principal.recipientId);
    } catch (error) {
      if (error instanceof StoreUnavailableError) return { kind: 'unavailable', message: error.message };
      throw error;
    }
    const holder = `${PROCESS_TAG}/${session.id}`;
    if (!(await locks.tryAcquire(place.mailboxId, holder, MAILDROP_LEASE_MS)))
      return { kind: 'in-use', message: 'Another session is using this mailbox; try again when it has ended' };
    try {
      // The listing checks that the store is mounted, also when the place came from memory.
      const listed = await messages.listForDownload(place.inboxId);
      return { kind: 'ok', maildrop: this.maildrop(place, holder, listed) };
    } catch (error) {
      await locks.release(place.mailboxId, holder);
      if (error instanceof StoreUnavailableError) return { kind: 'unavailable', message: error.message };
      throw error;
    }
  }

  /**
   * Where a user's maildrop is: the mailbox (created at the first logon), its blob namespace and its
   * Inbox. A logon is recorded (MailboxService.recordLogon) at most once a minute per user: a client that
   * checks every few seconds does not write the mailbox row each time, and the place is remembered for
   * that minute (the Inbox is a default folder: it is never deleted nor renamed away).
   */
  private async placeOf(recipientId: string): Promise<MaildropPlace> {
    const now = Date.now();
    const known = this.places.get(recipientId);
    if (known && now - known.recordedAt < PLACE_TTL_MS) return known;
    const open = await this.deps.mailboxes.recordLogon(recipientId);
    const inbox = await this.deps.folders.byRole(recipientId, 'inbox');
    const place: MaildropPlace = {
      mailboxId: open.mailbox.id,
      namespace: storeNamespace(open.mailbox.informationStoreId),
      inboxId: inbox.id,
      recordedAt: now,
    };
    this.places.delete(recipientId);
    if (this.places.size >= PLACE_CACHE_SIZE) this.places.delete(this.places.keys().next().value as string);
    this.places.set(recipientId, place);
    return place;
  }

  private maildrop(
    place: MaildropPlace,
    holder: string,
    listed: ReadonlyArray<{ id: string; uid: number; size: number; sha256: string }>,
  ): Pop3Maildrop {
    const { blobs, messages, locks } = this.deps;
    const { mailboxId, namespace, inboxId: folderId } = place;
    const renewal = setInterval(() => {
      locks
        .renew(mailboxId, holder, MAILDROP_LEASE_MS)
        .catch((error: unknown) => this.logger.warn(`renewing a maildrop lock failed: ${(error as Error).message}`));
    }, MAILDROP_LEASE_MS / 3);
    renewal.unref();
    // RFC 1939 §7: the unique-id is the message's id in the store, which never changes nor comes back.
    const infos: Pop3MessageInfo[] = listed.map((m) => ({ size: m.size, uid: m.id.replace(/-/g, '') }));
    return {
      messages: infos,
      retrieve: async (index: number): Promise<Pop3MessageContent> => {
        const m = listed[index];
        if (m.size <= READ_WHOLE_BYTES) return [await blobs.read(namespace, m.sha256, m.size)];
        return blobs.open(namespace, m.sha256);
      },
      commitDeletions: async (indexes: readonly number[]) => {
        const uids = indexes.map((i) => listed[i].uid);
        await messages.remove(folderId, uids);
      },
      release: async () => {
        clearInterval(renewal);
        await locks.release(mailboxId, holder);
      },
    };
  }
}
