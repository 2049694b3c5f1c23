import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** Work that runs inside a shared transaction: it uses only `manager` and keeps no state outside its result. */
export type CommitWork<T> = (manager: EntityManager) => Promise<T>;

/**
 * Work whose units of a group run as one call (one multi-row INSERT per table for all the enqueues of a
 * group, say). Called with a single request when its unit runs alone. It may answer each request: an array
 * of results in the order of `requests`.
 */
export type MergedWork<R, T = void> = (manager: EntityManager, requests: readonly R[]) => Promise<T[] | void>;

interface Unit {
  work: CommitWork<unknown>;
  /**
   * Set for a unit of merged work: `work` then runs it alone, and a group runs it once for all its units;
   * `outside`: without a transaction (see runStatement).
   */
  merged?: { merge: MergedWork<unknown, unknown>; request: unknown; outside?: boolean };
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Units per transaction: enough to amortize a commit, few enough that one transaction stays short. */
export const GROUP_COMMIT_MAX_UNITS = 64;

/**
 * Group commit: short transactions that arrive while one is committing run together in the next
 * transaction, so N concurrent enqueues, delivery outcomes or appends cost one BEGIN/COMMIT and one WAL flush
 * instead of N. A unit's promise resolves only after the transaction that holds it has committed, so
 * "resolved" still means durable (a 250 reply is sent after it, as before).
 *
 * When a grouped transaction fails, it is rolled back and each of its units runs again in a transaction
 * of its own: one unit's error (a constraint, a lock timeout, a deadlock) fails that unit alone. Units
 * must therefore keep their effects inside the database until their promise resolves. Statement work
 * (runStatement) is grouped the same way but needs no transaction: one statement per group, and one per
 * unit if that fails.
 *
 * There is no waiting for company: the first unit goes at once (on the next turn of the event loop),
 * and whatever arrives during a commit goes with the next one, so a lone message is not delayed.
 */
@Injectable()
export class GroupCommit {
  private readonly pending: Unit[] = [];
  private flushing = false;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  run<T>(work: CommitWork<T>): Promise<T> {
    return this.push({ work });
  }

  /** Like run, for merged work: the requests of one group go to `merge` in one call. */
  runMerged<R, T = void>(merge: MergedWork<R, T>, request: R): Promise<T> {
    return this.pushMerged(merge, request, false);
  }

  /**
   * Like runMerged, for merged work that is one statement: atomic on its own, it runs without a
   * transaction, so this thread goes on with other work while the database runs it (inside a transaction
   * PGlite's pool waits for each statement without leaving its turn). Still one statement per group, and
   * resolved only once on disk (the database answers a statement outside a transaction after its commit).
   */
  runStatement<R, T = void>(merge: MergedWork<R, T>, request: R): Promise<T> {
    return this.pushMerged(merge, request, true);
  }

  private pushMerged<R, T>(merge: MergedWork<R, T>, request: R, outside: boolean): Promise<T> {
    return this.push({
      work: async (manager) => (await merge(manager, [request]))?.[0],
      merged: { merge: merge as MergedWork<unknown, unknown>, request, outside },
    });
  }

  private push<T>(unit: Pick<Unit, 'work' | 'merged'>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ ...unit, resolve: resolve as (value: unknown) => void, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.flushing || this.pending.length === 0) return;
    this.flushing = true;
    // One turn of the event loop: units started by the same burst of socket events join this batch.
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    const batch = this.pending.splice(0, GROUP_COMMIT_MAX_UNITS);
    try {
      await Promise.all([
        this.inTransaction(batch.filter((u) => !u.merged?.outside)),
        this.outside(batch.filter((u) => u.merged?.outside)),
      ]);
    } finally {
      this.flushing = false;
      this.kick();
    }
  }

  private async inTransaction(batch: readonly Unit[]): Promise<void> {
    if (batch.length === 0) return;
    if (batch.length === 1) {
      await this.alone(batch[0]);
      return;
    }
    let results: unknown[];
    try {
      results = await this.db.transaction((manager) => this.runGroup(manager, batch));
    } catch {
      for (const unit of batch) await this.alone(unit);
      return;
    }
    batch.forEach((unit, i) => unit.resolve(results[i]));
  }

  /** Statement work: one call per merged work for the whole group; one call per unit if that fails. */
  private async outside(batch: readonly Unit[]): Promise<void> {
    const byMerge = new Map<MergedWork<unknown, unknown>, Unit[]>();
    for (const unit of batch) {
      const merge = (unit.merged as NonNullable<Unit['merged']>).merge;
      const units = byMerge.get(merge) ?? [];
      units.push(unit);
      byMerge.set(merge, units);
    }
    await Promise.all(
      [...byMerge].map(async ([merge, units]) => {
        if (units.length > 1) {
          try {
            const results = await merge(
              this.db.manager,
              units.map((u) => u.merged?.request),
            );
            units.forEach((unit, i) => unit.resolve(results?.[i]));
            return;
          } catch {
            // One request's error fails that request alone: below.
          }
        }
        for (const unit of units) {
          try {
            unit.resolve(await unit.work(this.db.manager));
          } catch (error) {
            unit.reject(error);
          }
        }
      }),
    );
  }

  private async runGroup(manager: EntityManager, batch: readonly Unit[]): Promise<unknown[]> {
    const out: unknown[] = [];
    // Per merged work, its requests and where each one's result goes in `out`.
    const merged = new Map<MergedWork<unknown, unknown>, { requests: unknown[]; slots: number[] }>();
    for (const unit of batch) {
      if (unit.merged) {
        const group = merged.get(unit.merged.merge) ?? { requests: [], slots: [] };
        group.requests.push(unit.merged.request);
        group.slots.push(out.length);
        merged.set(unit.merged.merge, group);
        out.push(undefined);
      } else out.push(await unit.work(manager));
    }
    for (const [merge, { requests, slots }] of merged) {
      const results = await merge(manager, requests);
      if (results) slots.forEach((slot, i) => (out[slot] = results[i]));
    }
    return out;
  }

  private async alone(unit: Unit): Promise<void> {
    try {
      unit.resolve(await this.db.transaction((manager) => unit.work(manager)));
    } catch (error) {
      unit.reject(error);
    }
  }
}
