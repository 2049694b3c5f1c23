import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../common/query-rows';

/** Reference counts of single-instance blobs (store_blob). */
@Injectable()
export class StoreBlobRepository {
  /**
   * Adds references to a blob of a store, creating its row. The row lock it takes orders it against the
   * garbage collector deleting the same blob: the caller checks the file only after this.
   */
  async addReferences(
    manager: EntityManager,
    storeId: string,
    sha256: string,
    size: number,
    count: number,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO store_blob (information_store_id, sha256, size, refcount) VALUES ($1, $2, $3, $4)
       ON CONFLICT (information_store_id, sha256) DO UPDATE SET refcount = store_blob.refcount + EXCLUDED.refcount`,
      [storeId, sha256, size, count],
    );
  }

  async releaseReferences(
    manager: EntityManager,
    references: ReadonlyArray<{ storeId: string; sha256: string; count: number }>,
  ): Promise<void> {
    if (references.length === 0) return;
    await manager.query(
      `UPDATE store_blob b SET refcount = b.refcount - r.n
         FROM unnest($1::uuid[], $2::text[], $3::int[]) AS r(store_id, sha256, n)
        WHERE b.information_store_id = r.store_id AND b.sha256 = r.sha256`,
      [references.map((r) => r.storeId), references.map((r) => r.sha256), references.map((r) => r.count)],
    );
  }

  /** Deletes up to `limit` unreferenced rows and returns them; the caller removes their files before commit. */
  async deleteUnreferenced(manager: EntityManager, limit: number): Promise<Array<{ storeId: string; sha256: string }>> {
    const rows = await queryRows<Array<{ information_store_id: string; sha256: string }>>(
      manager,
      `DELETE FROM store_blob b USING (
         SELECT information_store_id, sha256 FROM store_blob WHERE refcount = 0 LIMIT $1 FOR UPDATE SKIP LOCKED) v
        WHERE b.information_store_id = v.information_store_id AND b.sha256 = v.sha256 AND b.refcount = 0
        RETURNING b.information_store_id, b.sha256`,
      [limit],
    );
    return rows.map((r) => ({ storeId: r.information_store_id, sha256: r.sha256 }));
  }

  /**
   * A row with no references for a blob that has none, held by the caller's transaction while it removes
   * an orphan file: a delivery taking a reference meanwhile waits for it. False when the blob has a row.
   */
  async holdAbsent(manager: EntityManager, storeId: string, sha256: string, size: number): Promise<boolean> {
    const rows = await queryRows<Array<{ sha256: string }>>(
      manager,
      `INSERT INTO store_blob (information_store_id, sha256, size, refcount) VALUES ($1, $2, $3, 0)
       ON CONFLICT (information_store_id, sha256) DO NOTHING RETURNING sha256`,
      [storeId, sha256, size],
    );
    return rows.length > 0;
  }

  /** Drops the row holdAbsent made (still without references). */
  async dropHold(manager: EntityManager, storeId: string, sha256: string): Promise<void> {
    await manager.query(`DELETE FROM store_blob WHERE information_store_id = $1 AND sha256 = $2 AND refcount = 0`, [
      storeId,
      sha256,
    ]);
  }

  /** Which of these blobs of a store have a row (are known to the database). */
  async known(manager: EntityManager, storeId: string, sha256s: readonly string[]): Promise<Set<string>> {
    const rows = await queryRows<Array<{ sha256: string }>>(
      manager,
      `SELECT sha256 FROM store_blob WHERE information_store_id = $1 AND sha256 = ANY($2::text[])`,
      [storeId, sha256s],
    );
    return new Set(rows.map((r) => r.sha256));
  }

  async find(
    manager: EntityManager,
    storeId: string,
    sha256: string,
  ): Promise<{ size: number; refcount: number } | null> {
    const [row] = await queryRows<Array<{ size: string; refcount: number }>>(
      manager,
      `SELECT size, refcount FROM store_blob WHERE information_store_id = $1 AND sha256 = $2`,
      [storeId, sha256],
    );
    return row ? { size: Number(row.size), refcount: row.refcount } : null;
  }
}
