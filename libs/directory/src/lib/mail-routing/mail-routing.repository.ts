import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { RecipientPolicyEntity } from '../entities/recipient-policy.entity';
import { EntityRows } from '../common/entity-rows';
import { RecipientEntity } from '../entities/recipient.entity';

const recipients = new EntityRows(RecipientEntity);
const policies = new EntityRows(RecipientPolicyEntity);

/** Who holds an address key: a recipient or a mail-enabled public folder. */
export interface AddressOwnerRow {
  address: string;
  recipientId: string | null;
  publicFolderId: string | null;
}

/** The reads mail routing needs, by address key and by recipient; no writes. */
@Injectable()
export class MailRoutingRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findAddressOwner(
    addressKey: string,
    manager: EntityManager = this.db.manager,
  ): Promise<AddressOwnerRow | null> {
    const rows = await manager.query<
      Array<{ address: string; recipient_id: string | null; public_folder_id: string | null }>
    >(`SELECT address, recipient_id, public_folder_id FROM recipient_address WHERE address_key = $1`, [addressKey]);
    const row = rows[0];
    return row ? { address: row.address, recipientId: row.recipient_id, publicFolderId: row.public_folder_id } : null;
  }

  /**
   * The recipient holding an address and the address as stored, in one statement; null when the address
   * is a public folder's or nobody's (then findAddressOwner tells which).
   */
  async findRecipientByAddress(
    addressKey: string,
    manager: EntityManager = this.db.manager,
  ): Promise<{ address: string; recipient: RecipientEntity } | null> {
    const [row] = await manager.query<Array<Record<string, unknown> & { owner_address: string }>>(
      `SELECT ${recipients.columns(manager, 'r')}, a.address AS owner_address
         FROM recipient r JOIN recipient_address a ON a.recipient_id = r.id WHERE a.address_key = $1`,
      [addressKey],
    );
    return row ? { address: row.owner_address, recipient: recipients.hydrate(manager, row) } : null;
  }

  /**
   * findRecipientByAddress for many keys in one statement: the answers in the order of `addressKeys`. Each
   * key is its own LATERAL look-up (LIMIT 1: the keys are unique anyway), so that a plan made once while the
   * directory was small cannot become a scan of every address and recipient for each batch.
   */
  async findRecipientsByAddresses(
    addressKeys: readonly string[],
    manager: EntityManager = this.db.manager,
  ): Promise<Array<{ address: string; recipient: RecipientEntity } | null>> {
    const rows = await manager.query<Array<Record<string, unknown> & { owner_address: string; ord: string }>>(
      `SELECT k.ord, ${recipients.columns(manager, 'r')}, a.address AS owner_address
         FROM unnest($1::text[]) WITH ORDINALITY AS k(address_key, ord)
         CROSS JOIN LATERAL (SELECT address, recipient_id FROM recipient_address
                              WHERE address_key = k.address_key LIMIT 1) a
         CROSS JOIN LATERAL (SELECT * FROM recipient WHERE id = a.recipient_id LIMIT 1) r`,
      [addressKeys],
    );
    const found: Array<{ address: string; recipient: RecipientEntity } | null> = addressKeys.map(() => null);
    for (const row of rows)
      found[Number(row.ord) - 1] = { address: row.owner_address, recipient: recipients.hydrate(manager, row) };
    return found;
  }

  async findRecipient(id: string, manager: EntityManager = this.db.manager): Promise<RecipientEntity | null> {
    const [row] = await manager.query<Array<Record<string, unknown>>>(
      `SELECT ${recipients.columns(manager, 'r')} FROM recipient r WHERE r.id = $1`,
      [id],
    );
    return row ? recipients.hydrate(manager, row) : null;
  }

  /** The longest-standing full administrator of the organisation who has a mailbox (the postmaster of last resort). */
  async findFirstFullAdministrator(manager: EntityManager = this.db.manager): Promise<RecipientEntity | null> {
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT r.id FROM role_assignment a JOIN recipient r ON r.id = a.recipient_id
        WHERE a.role = 'full-administrator' AND a.scope_type = 'organization' AND r.mailbox_store_id IS NOT NULL
        ORDER BY a.created_at, r.id LIMIT 1`,
    );
    return rows[0] ? this.findRecipient(rows[0].id, manager) : null;
  }

  /** Every policy; only their templates matter here, so the order does not. */
  async findPolicies(manager: EntityManager = this.db.manager): Promise<RecipientPolicyEntity[]> {
    const rows = await manager.query<Array<Record<string, unknown>>>(
      `SELECT ${policies.columns(manager, 'p')} FROM recipient_policy p`,
    );
    return rows.map((row) => policies.hydrate(manager, row));
  }

  /** The groups that contain the recipient, directly or through nested groups (loop-safe: UNION drops repeats). */
  async findGroupsContaining(recipientId: string, manager: EntityManager = this.db.manager): Promise<string[]> {
    const rows = await manager.query<Array<{ group_id: string }>>(
      `WITH RECURSIVE containing(group_id) AS (
         SELECT group_id FROM group_member WHERE member_id = $1
         UNION
         SELECT m.group_id FROM group_member m JOIN containing c ON m.member_id = c.group_id
       )
       SELECT group_id FROM containing`,
      [recipientId],
    );
    return rows.map((r) => r.group_id);
  }
}
