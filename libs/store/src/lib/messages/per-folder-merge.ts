import type { EntityManager } from 'typeorm';
import type { MergedWork } from '../common/group-commit';

/**
 * Merged work for changes that each take their folder's next MODSEQ (FlagChangeBatcher, ExpungeBatcher): one
 * request runs `alone`; several of distinct folders run `together` as one statement. Two of one folder are
 * not merged (each needs a MODSEQ of its own, in order): the merge refuses before anything is written, and
 * the group commit then runs the requests one by one, as after a failed statement.
 */
export function perFolderMerge<R extends { folderId: string }, T>(
  alone: (manager: EntityManager, request: R) => Promise<T>,
  together: (manager: EntityManager, requests: readonly R[]) => Promise<T[]>,
): MergedWork<R, T> {
  return async (manager, batch) => {
    if (batch.length === 1) return [await alone(manager, batch[0])];
    if (new Set(batch.map((r) => r.folderId)).size < batch.length)
      throw new Error('two changes of one folder are not merged');
    return together(manager, batch);
  };
}
