import { Injectable } from '@nestjs/common';
import { GroupCommit, type MergedWork } from '../common/group-commit';
import { MessageRepository, type AppendOutcome, type NewMessage } from './message.repository';

type StoreAppend = NewMessage & { storeId: string };

/**
 * Appends without a transaction that arrive together (concurrent local deliveries, APPENDs of several IMAP
 * sessions) go to the database as one statement (MessageRepository.allocateAndInsertMany), through the
 * group commit's statement work: under load PGlite runs one statement at a time, and a statement per
 * message cost more than the rows it wrote. A lone append waits for nothing but one turn of the event
 * loop; a failed statement (one delivery key already used, a deadlock with another process) writes
 * nothing, and its appends then run one by one, so that one message's error is that message's alone.
 */
@Injectable()
export class AppendBatcher {
  constructor(
    private readonly commits: GroupCommit,
    private readonly messages: MessageRepository,
  ) {}

  /** Appends one message as allocateAndInsert does (null: not a mounted folder of its store; 'over-quota'). */
  append(message: StoreAppend): Promise<AppendOutcome> {
    return this.commits.runStatement(this.insert, message);
  }

  private readonly insert: MergedWork<StoreAppend, AppendOutcome> = async (manager, batch) =>
    batch.length === 1
      ? [await this.messages.allocateAndInsert(manager, batch[0])]
      : this.messages.allocateAndInsertMany(manager, batch);
}
