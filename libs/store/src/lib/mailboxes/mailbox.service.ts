import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { STORE_CLOCK, type Clock } from '../common/clock';
import { mailboxNotFound, storeUnavailable } from '../common/store-access';
import { StoreDirectoryRepository, type MailboxOwner } from '../directory/store-directory.repository';
import { MailboxRepository, type MailboxRow } from './mailbox.repository';

/** A mailbox ready for use: its owner (with limits) and its store, checked to be mounted. */
export interface OpenMailbox {
  mailbox: MailboxRow;
  owner: MailboxOwner;
  storeName: string;
  /** Bytes and items of its folders, when ensureIn was asked for them (quota checks of a delivery). */
  usage?: { bytes: number; items: number };
}

/** A logon is written at most this often per user (the console shows it to the minute). */
const LOGON_RECORD_INTERVAL_MS = 60_000;
/** Users whose last recorded logon is remembered (oldest forgotten first). */
const LOGON_MEMORY = 10_000;

/**
 * Store mailboxes. As in Exchange, a mailbox is created in the recipient's home store the first time mail
 * arrives or the user logs on, with the default folders; every operation first checks that its store is
 * mounted, reading the flag at use time so that a dismount takes effect at once.
 */
@Injectable()
export class MailboxService {
  /** When noteLogon last wrote each user's logon (epoch ms), in insertion order for eviction. */
  private readonly lastLogons = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mailboxes: MailboxRepository,
    private readonly directory: StoreDirectoryRepository,
    @Inject(STORE_CLOCK) private readonly clock: Clock,
  ) {}

  /** Creates the mailbox and its default folders if needed. Idempotent, also under concurrency. */
  ensureMailbox(recipientId: string): Promise<OpenMailbox> {
    return this.db.transaction((manager) => this.ensureIn(manager, recipientId));
  }

  /** A logon (IMAP, POP3, webmail) creates the mailbox if needed and records the time, as Exchange showed it. */
  recordLogon(recipientId: string): Promise<OpenMailbox> {
    return this.db.transaction(async (manager) => {
      const open = await this.ensureIn(manager, recipientId);
      const at = this.clock.now();
      await this.mailboxes.recordLogon(manager, open.mailbox.id, at);
      return { ...open, mailbox: { ...open.mailbox, lastLogonAt: at } };
    });
  }

  /**
   * Records a protocol logon at most once a minute per user in this process. Clients that log in for
   * every check (or a session per folder) would otherwise write the mailbox row at each login; the
   * console's "last logon" only needs the minute.
   */
  async noteLogon(recipientId: string): Promise<void> {
    const now = this.clock.now().getTime();
    const last = this.lastLogons.get(recipientId);
    if (last !== undefined && now - last >= 0 && now - last < LOGON_RECORD_INTERVAL_MS) return;
    await this.recordLogon(recipientId);
    this.lastLogons.delete(recipientId);
    if (this.lastLogons.size >= LOGON_MEMORY) this.lastLogons.delete(this.lastLogons.keys().next().value as string);
    this.lastLogons.set(recipientId, now);
  }

  /** ensureMailbox inside the caller's transaction. */
  async ensureIn(manager: EntityManager, recipientId: string, options: { usage?: boolean } = {}): Promise<OpenMailbox> {
    const found = await this.directory.findOwnerAndMailbox(manager, recipientId, options);
    if (!found) throw mailboxNotFound(`recipient ${recipientId} does not exist`);
    const { owner } = found;
    if (found.mailbox) {
      if (!found.mailbox.mounted) throw storeUnavailable(found.mailbox.storeName);
      const { row, storeName, usage } = found.mailbox;
      return { mailbox: row, owner, storeName, usage: usage ?? undefined };
    }
    let mailbox = await this.mailboxes.findByRecipient(manager, recipientId);
    if (!mailbox) {
      if (owner.kind !== 'user' || owner.homeStoreId === null)
        throw mailboxNotFound(`recipient "${owner.alias}" has no mailbox`);
      await this.assertMounted(manager, owner.homeStoreId);
      // Null: lost the race to a concurrent first delivery, whose mailbox is committed (the unique index waited).
      mailbox =
        (await this.mailboxes.createWithDefaults(manager, recipientId, owner.homeStoreId)) ??
        (await this.mailboxes.findByRecipient(manager, recipientId));
      if (!mailbox) throw mailboxNotFound(`the mailbox of "${owner.alias}" could not be created`);
    }
    const storeName = await this.assertMounted(manager, mailbox.informationStoreId);
    return { mailbox, owner, storeName };
  }

  /** Throws StoreUnavailableError when the store is dismounted; returns its name. */
  async assertMounted(manager: EntityManager, storeId: string): Promise<string> {
    const store = await this.directory.storeState(manager, storeId);
    if (!store) throw mailboxNotFound(`mailbox store ${storeId} does not exist`);
    if (!store.mounted) throw storeUnavailable(store.name);
    return store.name;
  }
}
