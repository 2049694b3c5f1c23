import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Read-only look-ups of mailbox stores (information_store) for placing a new mailbox. */
@Injectable()
export class HomeStoreRepository {
  async isMailboxStore(manager: EntityManager, id: string): Promise<boolean> {
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM information_store WHERE id = $1 AND kind = 'mailbox'`,
      [id],
    );
    return rows.length > 0;
  }

  /**
   * The first mounted mailbox store of a server (first storage group, then first store), as Exchange's
   * New User wizard proposed. Without a server name: the server that started most recently.
   */
  async findFirstMountedMailboxStore(manager: EntityManager, serverName: string | null): Promise<string | null> {
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT s.id FROM information_store s
         JOIN storage_group g ON g.id = s.storage_group_id
         JOIN server sv ON sv.id = g.server_id
       WHERE s.kind = 'mailbox' AND s.mounted
         AND sv.id = (SELECT id FROM server WHERE $1::text IS NULL OR lower(name) = lower($1::text)
                      ORDER BY last_started_at DESC NULLS LAST LIMIT 1)
       ORDER BY g.created_at, g.id, s.created_at, s.id LIMIT 1`,
      [serverName],
    );
    return rows[0]?.id ?? null;
  }
}
