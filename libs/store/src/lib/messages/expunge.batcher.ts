import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { GroupCommit, type MergedWork } from '../common/group-commit';
import { MessageRepository } from './message.repository';

interface ExpungeRequest {
  folderId: string;
  now: Date;
}

type Expunged = { modseq: number; uids: number[] } | null;

/**
 * EXPUNGEs of every \Deleted message that arrive together from several sessions go to the database as one
 * statement (MessageRepository.expungeFlaggedMany), as flag changes do (FlagChangeBatcher). Two of one
 * folder in a batch are not merged (each takes a MODSEQ of its own): the group runs them one by one.
 */
@Injectable()
export class ExpungeBatcher {
  private readonly group: GroupCommit;

  constructor(
    @InjectDataSource() db: DataSource,
    private readonly messages: MessageRepository,
  ) {
    this.group = new GroupCommit(db);
  }

  /** What expungeFlagged answers (null: the folder is missing or its store dismounted). */
  expunge(folderId: string, now: Date): Promise<Expunged> {
    return this.group.runStatement(this.merge, { folderId, now });
  }

  private readonly merge: MergedWork<ExpungeRequest, Expunged> = async (manager, batch) => {
    if (batch.length === 1) return [await this.messages.expungeFlagged(manager, batch[0].folderId, batch[0].now)];
    // Thrown before anything is written: the group runs these one by one.
    if (new Set(batch.map((r) => r.folderId)).size < batch.length)
      throw new Error('two expunges of one folder are not merged');
    return this.messages.expungeFlaggedMany(manager, batch);
  };
}
