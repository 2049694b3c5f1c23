import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { filter, merge, Subject, type Observable } from 'rxjs';
import { STORE_CHANNEL } from '../folders/folder.repository';
import { STORE_NOTIFICATION_LISTENER, type NotificationListener } from './notification-listener';

/** A folder reached a MODSEQ (0: the folder was deleted). What changed is in its journal (folder_change). */
export interface StoreChange {
  folderId: string;
  modseq: number;
}

/** Folders whose last MODSEQ heard is kept (see ChangeNotifier.heardUpTo); the least recently heard goes. */
const HEARD_FOLDERS = 100_000;

/** The payload of the notification that a folder list may have changed (database triggers send it). */
export const FOLDER_LIST_PAYLOAD = 'folders';

/** Parses a NOTIFY payload `<folderId>:<modseq>`; null for anything else. */
export function parseStoreChange(payload: string): StoreChange | null {
  const match = /^([0-9a-f-]{36}):(\d+)$/i.exec(payload);
  return match ? { folderId: match[1].toLowerCase(), modseq: Number(match[2]) } : null;
}

/**
 * Store changes of every server process sharing the database, through PostgreSQL LISTEN/NOTIFY on channel
 * 'estafette_store'. IMAP IDLE and the webmail subscribe per folder; `resyncs` fires after a lost
 * connection came back, when notifications may have been missed; `folderListChanges` when a folder
 * list may have changed.
 */
@Injectable()
export class ChangeNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ChangeNotifier');
  private readonly subject = new Subject<StoreChange>();
  private readonly resync = new Subject<void>();
  private readonly folderList = new Subject<void>();
  private stop: (() => Promise<void>) | null = null;
  /** The highest MODSEQ heard per folder; `heardAll` until one was forgotten or notifications were missed. */
  private readonly heard = new Map<string, number>();
  private heardAll = true;

  constructor(@Inject(STORE_NOTIFICATION_LISTENER) private readonly listener: NotificationListener) {}

  async onModuleInit(): Promise<void> {
    this.stop = await this.listener.listen(
      STORE_CHANNEL,
      (payload) => {
        const change = parseStoreChange(payload);
        if (change) {
          this.remember(change);
          this.subject.next(change);
        } else if (payload === FOLDER_LIST_PAYLOAD) this.folderList.next();
        else this.logger.warn(`ignored a malformed store notification "${payload}"`);
      },
      () => {
        // Notifications may have been missed: what was heard says nothing of the folders not heard since.
        this.heard.clear();
        this.heardAll = false;
        this.resync.next();
      },
    );
  }

  async onModuleDestroy(): Promise<void> {
    const stop = this.stop;
    this.stop = null;
    await stop?.();
    this.subject.complete();
    this.resync.complete();
    this.folderList.complete();
  }

  /** Every change, or those of one folder. */
  changes(folderId?: string): Observable<StoreChange> {
    const all = this.subject.asObservable();
    return folderId ? all.pipe(filter((c) => c.folderId === folderId)) : all;
  }

  get resyncs(): Observable<void> {
    return this.resync.asObservable();
  }

  /**
   * A folder list may have changed somewhere (a folder created, deleted, renamed or subscribed, a mailbox
   * moved or deleted, a store mounted or dismounted), or notifications may have been missed (a resync):
   * whoever keeps a list or folder facts reads them again.
   */
  get folderListChanges(): Observable<void> {
    return merge(this.folderList, this.resync);
  }

  /**
   * Announces within this process at once a folder list change just committed here: the database
   * trigger tells every process, this one included, but through PostgreSQL a moment later.
   */
  folderListChanged(): void {
    this.folderList.next();
  }

  /**
   * Whether every change committed by this process has been heard (heardUpTo counts it) by the time the
   * call that committed it goes on: true on embedded PGlite, false on PostgreSQL (see NotificationListener).
   */
  get immediate(): boolean {
    return this.listener.immediate === true;
  }

  /**
   * The highest MODSEQ announced for a folder so far: 0 when none was (nothing committed since this process
   * listened), null when it cannot say (forgotten, or notifications missed). A reader that subscribed and
   * then finds this at or below the MODSEQ it read has missed nothing: later changes reach its handler.
   */
  heardUpTo(folderId: string): number | null {
    return this.heard.get(folderId) ?? (this.heardAll ? 0 : null);
  }

  private remember(change: StoreChange): void {
    if (change.modseq === 0) return;
    const before = this.heard.get(change.folderId);
    if (before !== undefined && before >= change.modseq) return;
    this.heard.delete(change.folderId);
    this.heard.set(change.folderId, change.modseq);
    if (this.heard.size > HEARD_FOLDERS) {
      this.heard.delete(this.heard.keys().next().value as string);
      this.heardAll = false;
    }
  }

  /** EventEmitter-style subscription; returns the unsubscribe function. */
  on(handler: (change: StoreChange) => void, folderId?: string): () => void {
    const subscription = this.changes(folderId).subscribe(handler);
    return () => subscription.unsubscribe();
  }
}
