import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RecipientAddressEntity } from '../entities/recipient-address.entity';

export interface NewAddress {
  address: string;
  addressKey: string;
  isPrimary: boolean;
  fromPolicy: boolean;
}

/** All SQL over recipient_address, the table that makes every address belong to one owner. */
@Injectable()
export class RecipientAddressRepository {
  findByRecipient(manager: EntityManager, recipientId: string): Promise<RecipientAddressEntity[]> {
    return manager
      .getRepository(RecipientAddressEntity)
      .createQueryBuilder('a')
      .where('a.recipient_id = :recipientId', { recipientId })
      .orderBy('a.is_primary', 'DESC')
      .addOrderBy('a.address_key', 'ASC')
      .getMany();
  }

  /** Who owns an address key, if anyone: a recipient or a public folder. */
  async findOwner(
    manager: EntityManager,
    addressKey: string,
  ): Promise<{ recipientId: string | null; publicFolderId: string | null } | null> {
    const rows = await manager.query<Array<{ recipient_id: string | null; public_folder_id: string | null }>>(
      `SELECT recipient_id, public_folder_id FROM recipient_address WHERE address_key = $1`,
      [addressKey],
    );
    return rows[0] ? { recipientId: rows[0].recipient_id, publicFolderId: rows[0].public_folder_id } : null;
  }

  /** True when the key belongs to anyone other than this recipient. */
  async isTakenByOther(manager: EntityManager, addressKey: string, recipientId: string | null): Promise<boolean> {
    const owner = await this.findOwner(manager, addressKey);
    return owner !== null && owner.recipientId !== recipientId;
  }

  async deleteByIds(manager: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await manager.query(`DELETE FROM recipient_address WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Clears the primary flag first: the one-primary unique index would refuse a second one mid-change. */
  async clearPrimary(manager: EntityManager, recipientId: string): Promise<void> {
    await manager.query(`UPDATE recipient_address SET is_primary = false WHERE recipient_id = $1 AND is_primary`, [
      recipientId,
    ]);
  }

  async setPrimary(manager: EntityManager, addressId: string): Promise<void> {
    await manager.query(`UPDATE recipient_address SET is_primary = true WHERE id = $1`, [addressId]);
  }

  async insert(manager: EntityManager, recipientId: string, addresses: readonly NewAddress[]): Promise<void> {
    if (addresses.length === 0) return;
    await manager
      .getRepository(RecipientAddressEntity)
      .insert(addresses.map((a) => ({ ...a, recipientId, publicFolderId: null })));
  }
}
