import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MessageRepository, type InsertedMessage, type NewMessage } from './message.repository';

type StoreAppend = NewMessage & { storeId: string };

interface Waiting {
  message: StoreAppend;
  resolve: (inserted: InsertedMessage | null) => void;
  reject: (error: unknown) => void;
}

/** Messages per statement: enough to amortize one, few enough that its JSON document stays small. */
export const APPEND_BATCH_MAX = 64;

/**
 * Appends without a transaction that arrive together (concurrent local deliveries, APPENDs of several IMAP
 * sessions) go to the database as one statement (MessageRepository.allocateAndInsertMany): under load
 * PGlite runs one statement at a time, and a statement per message cost more than the rows it wrote.
 * One statement is in flight at a time; what arrives meanwhile goes with the next, so a lone append waits
 * for nothing but one turn of the event loop. A failed statement (one delivery key already used, a
 * deadlock with another process) writes nothing, and its appends are then run one by one, so that one
 * message's error is that message's alone.
 */
@Injectable()
export class AppendBatcher {
  private readonly waiting: Waiting[] = [];
  private flushing = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly messages: MessageRepository,
  ) {}

  /** Appends one message as allocateAndInsert does (null: not a mounted folder of its store). */
  append(message: StoreAppend): Promise<InsertedMessage | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ message, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.flushing || this.waiting.length === 0) return;
    this.flushing = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    const batch = this.waiting.splice(0, APPEND_BATCH_MAX);
    try {
      if (batch.length > 1) {
        try {
          const inserted = await this.messages.allocateAndInsertMany(
            this.db.manager,
            batch.map((w) => w.message),
          );
          batch.forEach((w, i) => w.resolve(inserted[i]));
          return;
        } catch {
          // Below, one by one.
        }
      }
      await Promise.all(batch.map((w) => this.alone(w)));
    } finally {
      this.flushing = false;
      this.kick();
    }
  }

  private async alone(w: Waiting): Promise<void> {
    try {
      w.resolve(await this.messages.allocateAndInsert(this.db.manager, w.message));
    } catch (error) {
      w.reject(error);
    }
  }
}
