import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { RecipientFilter, RecipientKind } from '@estafette/contracts';
import { RecipientEntity } from '../entities/recipient.entity';
import { compileRecipientFilter } from '../filters/recipient-filter.compiler';
import { escapeLike } from '../filters/like-pattern';
import type { RecipientCursor } from './recipient-paging';

export interface RecipientPageQuery {
  kind?: RecipientKind;
  containerId?: string;
  search?: string;
  after?: RecipientCursor;
  limit: number;
}

export interface RecipientSummaryRow {
  id: string;
  kind: RecipientKind;
  alias: string;
  display_name: string;
  primary_smtp_address: string | null;
  container_id: string;
  hidden_from_address_lists: boolean;
  sort_key: string;
}

const SUMMARY_COLUMNS = `r.id, r.kind, r.alias, r.display_name, r.primary_smtp_address, r.container_id,
  r.hidden_from_address_lists, lower(r.display_name) AS sort_key`;

/** All SQL over the recipient table itself. */
@Injectable()
export class RecipientRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findById(id: string, manager: EntityManager = this.db.manager): Promise<RecipientEntity | null> {
    return manager.getRepository(RecipientEntity).findOneBy({ id });
  }

  /** Locks the row: concurrent edits of one recipient serialise instead of overwriting each other. */
  findByIdForUpdate(manager: EntityManager, id: string): Promise<RecipientEntity | null> {
    return manager.getRepository(RecipientEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async findContainerId(id: string): Promise<string | null> {
    const rows = await this.db.query<Array<{ container_id: string }>>(
      `SELECT container_id FROM recipient WHERE id = $1`,
      [id],
    );
    return rows[0]?.container_id ?? null;
  }

  /** The ids among `ids` that are recipients, with their display names. */
  async findNames(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.query<Array<{ id: string; display_name: string }>>(
      `SELECT id, display_name FROM recipient WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  async findAliasOwner(manager: EntityManager, alias: string): Promise<string | null> {
    const rows = await manager.query<Array<{ id: string }>>(`SELECT id FROM recipient WHERE lower(alias) = lower($1)`, [
      alias,
    ]);
    return rows[0]?.id ?? null;
  }

  create(manager: EntityManager, fields: Partial<RecipientEntity>): RecipientEntity {
    return manager.getRepository(RecipientEntity).create(fields);
  }

  save(manager: EntityManager, recipient: RecipientEntity): Promise<RecipientEntity> {
    return manager.getRepository(RecipientEntity).save(recipient);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(RecipientEntity).delete({ id });
  }

  async setPrimarySmtpAddress(manager: EntityManager, id: string, address: string | null): Promise<void> {
    await manager.query(`UPDATE recipient SET primary_smtp_address = $2 WHERE id = $1`, [id, address]);
  }

  /** The id lists have no foreign keys (arrays), so a deleted recipient is taken out of them by hand. */
  async removeFromReferenceLists(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE recipient SET
         accept_from_ids = array_remove(accept_from_ids, $1::uuid),
         reject_from_ids = array_remove(reject_from_ids, $1::uuid),
         send_on_behalf_ids = array_remove(send_on_behalf_ids, $1::uuid),
         send_as_ids = array_remove(send_as_ids, $1::uuid)
       WHERE $1::uuid = ANY(accept_from_ids || reject_from_ids || send_on_behalf_ids || send_as_ids)`,
      [id],
    );
  }

  /**
   * One page in display-name order. Sorting and the cursor use the byte order operators (~<~, ~>~) of the
   * text_pattern_ops index recipient_display_sort, so each page is an index range scan, not a sort.
   */
  async findPage(query: RecipientPageQuery): Promise<RecipientSummaryRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.kind) where.push(`r.kind = ${param(query.kind)}`);
    if (query.containerId) where.push(`r.container_id = ${param(query.containerId)}::uuid`);
    if (query.search) {
      const p = param(`${escapeLike(query.search.toLowerCase())}%`);
      where.push(
        `(lower(r.display_name) LIKE ${p} OR lower(r.alias) LIKE ${p} OR lower(r.first_name) LIKE ${p}
          OR lower(r.last_name) LIKE ${p} OR lower(r.primary_smtp_address) LIKE ${p})`,
      );
    }
    if (query.after) {
      const name = param(query.after.name);
      const id = param(query.after.id);
      where.push(`lower(r.display_name) ~>=~ ${name} AND (lower(r.display_name) ~>~ ${name} OR r.id > ${id}::uuid)`);
    }
    return this.db.query<RecipientSummaryRow[]>(
      `SELECT ${SUMMARY_COLUMNS} FROM recipient r
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY lower(r.display_name) USING ~<~, r.id LIMIT ${param(query.limit)}`,
      params,
    );
  }

  findSummariesByIds(ids: readonly string[]): Promise<RecipientSummaryRow[]> {
    return this.db.query<RecipientSummaryRow[]>(
      `SELECT ${SUMMARY_COLUMNS} FROM recipient r WHERE r.id = ANY($1::uuid[]) ORDER BY lower(r.display_name) USING ~<~, r.id`,
      [ids],
    );
  }

  /** Ids and kinds of the recipients a filter selects (query-based group expansion). */
  findIdsByFilter(filter: RecipientFilter): Promise<Array<{ id: string; kind: RecipientKind }>> {
    const compiled = compileRecipientFilter(filter, 'r');
    return this.db.query<Array<{ id: string; kind: RecipientKind }>>(
      `SELECT r.id, r.kind FROM recipient r WHERE ${compiled.sql}`,
      compiled.params,
    );
  }

  /**
   * Ids of the recipients whose addresses policies maintain (optionally only those a filter selects), oldest
   * first: when two recipients want the same address, the older one keeps it and the newer one gets a suffix.
   */
  async findPolicyManagedIds(manager: EntityManager, filter: RecipientFilter | null): Promise<string[]> {
    const compiled = filter ? compileRecipientFilter(filter, 'r') : { sql: 'TRUE', params: [] };
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT r.id FROM recipient r WHERE r.addresses_from_policy AND ${compiled.sql} ORDER BY r.created_at, r.id`,
      compiled.params,
    );
    return rows.map((r) => r.id);
  }

  /** Locked, so a recipient edited while policies are applied is stamped either before or after the edit. */
  async findByIdsForUpdate(manager: EntityManager, ids: readonly string[]): Promise<RecipientEntity[]> {
    if (ids.length === 0) return [];
    return manager
      .getRepository(RecipientEntity)
      .find({ where: { id: In([...ids]) }, lock: { mode: 'pessimistic_write' } });
  }
}
