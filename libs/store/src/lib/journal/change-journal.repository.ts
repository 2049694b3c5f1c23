import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toNumber } from '../common/bigint';
import { queryRows } from '../common/query-rows';

/** Pruning of the per-folder change journal (folder_change) and its floor (folder.journal_floor). */
@Injectable()
export class ChangeJournalRepository {
  /**
   * Deletes up to `limit` journal rows written before `before` and raises the floor of their folders to the
   * highest MODSEQ deleted, in the caller's transaction; returns how many rows went. The folder rows are
   * locked in id order first, as the store's other multi-folder writers do, so two of them never deadlock.
   */
  async prune(manager: EntityManager, before: Date, limit: number): Promise<number> {
    const pruned = await queryRows<Array<{ folder_id: string; modseq: string; n: string }>>(
      manager,
      `WITH victims AS (
         DELETE FROM folder_change WHERE id IN (
           SELECT id FROM folder_change WHERE changed_at < $1 ORDER BY changed_at LIMIT $2
         ) RETURNING folder_id, modseq
       )
       SELECT folder_id, max(modseq) AS modseq, count(*) AS n FROM victims GROUP BY folder_id ORDER BY folder_id`,
      [before, limit],
    );
    if (pruned.length === 0) return 0;
    const ids = pruned.map((p) => p.folder_id);
    await manager.query(`SELECT id FROM folder WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
    await manager.query(
      `UPDATE folder f SET journal_floor = GREATEST(f.journal_floor, p.modseq)
         FROM unnest($1::uuid[], $2::bigint[]) AS p(id, modseq) WHERE f.id = p.id`,
      [ids, pruned.map((p) => p.modseq)],
    );
    return pruned.reduce((sum, p) => sum + toNumber(p.n), 0);
  }
}
