import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DataSource } from 'typeorm';
import { SearchIndexer } from './search-indexer.service';

/** A database that answers each indexing UPDATE with `pending` rows while some are left. */
function fakeDb(pending: number): { db: DataSource; batches: number[] } {
  const batches: number[] = [];
  let left = pending;
  const query = async (_sql: string, [limit]: [number]) => {
    const n = Math.min(limit, left);
    left -= n;
    batches.push(n);
    return [Array.from({ length: n }, (_, i) => ({ id: String(i) })), n];
  };
  return { db: { manager: { query } } as unknown as DataSource, batches };
}

class ScriptedIndexer extends SearchIndexer {
  loaded = false;
  protected override busy(): Promise<boolean> {
    return Promise.resolve(this.loaded);
  }
}

describe('SearchIndexer scheduling', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('indexes a backlog batch after batch while the server is idle, then looks every two seconds', async () => {
    const { db, batches } = fakeDb(120);
    const indexer = new ScriptedIndexer(db);
    indexer.onApplicationBootstrap();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(batches).toEqual([50]);
    await vi.advanceTimersByTimeAsync(400);
    expect(batches).toEqual([50, 50, 20]);
    await vi.advanceTimersByTimeAsync(1_900);
    expect(batches).toEqual([50, 50, 20]);
    await vi.advanceTimersByTimeAsync(200);
    expect(batches).toEqual([50, 50, 20, 0]);
    await indexer.onModuleDestroy();
  });

  it('gives way while the server is busy, but indexes a small batch every second', async () => {
    const { db, batches } = fakeDb(1_000);
    const indexer = new ScriptedIndexer(db);
    indexer.loaded = true;
    indexer.onApplicationBootstrap();
    await vi.advanceTimersByTimeAsync(1_900);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(batches).toEqual([10]);
    await vi.advanceTimersByTimeAsync(800);
    expect(batches).toEqual([10]);
    await vi.advanceTimersByTimeAsync(200);
    expect(batches).toEqual([10, 10]);
    indexer.loaded = false;
    await vi.advanceTimersByTimeAsync(200);
    expect(batches).toEqual([10, 10, 50]);
    await indexer.onModuleDestroy();
  });

  it('stops scheduling once the module is destroyed', async () => {
    const { db, batches } = fakeDb(1_000);
    const indexer = new ScriptedIndexer(db);
    indexer.onApplicationBootstrap();
    await indexer.onModuleDestroy();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(batches).toEqual([]);
  });
});
