import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { GroupCommit, type MergedWork } from '../common/group-commit';
import { MessageRepository } from './message.repository';
import { perFolderMerge } from './per-folder-merge';

interface ExpungeRequest {
  folderId: string;
  now: Date;
}

type Expunged = { modseq: number; uids: number[] } | null;

/**
 * EXPUNGEs of every \Deleted message that arrive together from several sessions go to the database as one
 * statement (MessageRepository.expungeFlaggedMany), as flag changes do (FlagChangeBatcher); two of one
 * folder are not merged (perFolderMerge).
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

  private readonly merge: MergedWork<ExpungeRequest, Expunged> = perFolderMerge(
    (manager, r) => this.messages.expungeFlagged(manager, r.folderId, r.now),
    (manager, requests) => this.messages.expungeFlaggedMany(manager, requests),
  );
}
