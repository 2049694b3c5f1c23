import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { GroupCommit, type MergedWork } from '../common/group-commit';
import { MessageRepository, type FlagChangeRequest, type FlagChangeResult } from './message.repository';
import { perFolderMerge } from './per-folder-merge';

/**
 * Flag changes outside a transaction that arrive together (the STOREs of many IMAP sessions) go to the
 * database as one statement (MessageRepository.changeFlagsMany), as appends do (AppendBatcher): under load
 * PGlite runs one statement at a time, and much of a lone change's cost was the statement's own. Its own
 * GroupCommit, so that a STORE never waits behind a batch of appends; two changes of one folder are not
 * merged (perFolderMerge).
 */
@Injectable()
export class FlagChangeBatcher {
  private readonly group: GroupCommit;

  constructor(
    @InjectDataSource() db: DataSource,
    private readonly messages: MessageRepository,
  ) {
    this.group = new GroupCommit(db);
  }

  /** What changeFlagsAtomically answers (null: the folder is missing or its store dismounted). */
  change(request: FlagChangeRequest): Promise<FlagChangeResult | null> {
    return this.group.runStatement(this.merge, request);
  }

  private readonly merge: MergedWork<FlagChangeRequest, FlagChangeResult | null> = perFolderMerge(
    (manager, r) =>
      this.messages.changeFlagsAtomically(manager, r.folderId, r.uids, r.operation, r.flags, r.unchangedSince),
    (manager, requests) => this.messages.changeFlagsMany(manager, requests),
  );
}
