import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { InformationStoreDto, StoreKind } from '@estafette/contracts';
import { InformationStoreEntity } from '../../entities/information-store.entity';

export interface InformationStoreFilter {
  id?: string;
  kind?: StoreKind;
  serverId?: string;
  storageGroupId?: string;
}

export type InformationStoreValues = Omit<InformationStoreEntity, 'id' | 'createdAt' | 'updatedAt'>;

interface StoreRow {
  id: string;
  storage_group_id: string;
  server_id: string;
  kind: StoreKind;
  name: string;
  issue_warning_kb: number | null;
  prohibit_send_kb: number | null;
  prohibit_send_receive_kb: number | null;
  deleted_item_retention_days: number;
  mounted: boolean;
  mailbox_count: string;
}

@Injectable()
export class InformationStoreRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Stores as the API shows them: with their server and the number of
   * mailboxes homed on them. The count reads recipient.mailbox_store_id, the
   * one place topology looks at recipients.
   */
  async findViews(
    filter: InformationStoreFilter,
    manager: EntityManager = this.db.manager,
  ): Promise<InformationStoreDto[]> {
    const rows = await manager.query<StoreRow[]>(
      `SELECT s.id, s.storage_group_id, g.server_id, s.kind, s.name, s.issue_warning_kb, s.prohibit_send_kb,
              s.prohibit_send_receive_kb, s.deleted_item_retention_days, s.mounted,
              (SELECT count(*) FROM recipient r WHERE r.mailbox_store_id = s.id) AS mailbox_count
         FROM information_store s JOIN storage_group g ON g.id = s.storage_group_id
        WHERE ($1::uuid IS NULL OR s.id = $1) AND ($2::text IS NULL OR s.kind = $2)
          AND ($3::uuid IS NULL OR g.server_id = $3) AND ($4::uuid IS NULL OR s.storage_group_id = $4)
        ORDER BY lower(s.name), s.id`,
      [filter.id ?? null, filter.kind ?? null, filter.serverId ?? null, filter.storageGroupId ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      storageGroupId: r.storage_group_id,
      serverId: r.server_id,
      kind: r.kind,
      name: r.name,
      issueWarningKb: r.issue_warning_kb,
      prohibitSendKb: r.prohibit_send_kb,
      prohibitSendReceiveKb: r.prohibit_send_receive_kb,
      deletedItemRetentionDays: r.deleted_item_retention_days,
      mounted: r.mounted,
      mailboxCount: Number(r.mailbox_count),
    }));
  }

  async findView(id: string, manager: EntityManager = this.db.manager): Promise<InformationStoreDto | null> {
    return (await this.findViews({ id }, manager))[0] ?? null;
  }

  findById(id: string, manager: EntityManager = this.db.manager, lock = false): Promise<InformationStoreEntity | null> {
    return manager
      .getRepository(InformationStoreEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
  }

  async countByStorageGroup(manager: EntityManager, storageGroupId: string): Promise<number> {
    return manager.getRepository(InformationStoreEntity).count({ where: { storageGroupId } });
  }

  create(manager: EntityManager, values: InformationStoreValues): Promise<InformationStoreEntity> {
    const repo = manager.getRepository(InformationStoreEntity);
    return repo.save(repo.create(values));
  }

  save(manager: EntityManager, store: InformationStoreEntity): Promise<InformationStoreEntity> {
    return manager.getRepository(InformationStoreEntity).save(store);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(InformationStoreEntity).delete({ id });
  }
}
