import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { RecipientKind } from '@estafette/contracts';

/** All SQL over group_member. */
@Injectable()
export class GroupMemberRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Serialises membership changes: two concurrent additions (A into B, B into A) would each pass the loop
   * check against the other's uncommitted state. Held until the transaction ends.
   */
  async lockMembership(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('estafette:group_member'))`);
  }

  async findMemberIds(manager: EntityManager, groupId: string): Promise<string[]> {
    const rows = await manager.query<Array<{ member_id: string }>>(
      `SELECT member_id FROM group_member WHERE group_id = $1 ORDER BY member_id`,
      [groupId],
    );
    return rows.map((r) => r.member_id);
  }

  /** The distribution groups that list a recipient directly (Active Directory's memberOf). */
  async findGroupIdsOf(memberId: string): Promise<string[]> {
    const rows = await this.db.query<Array<{ group_id: string }>>(
      `SELECT group_id FROM group_member WHERE member_id = $1`,
      [memberId],
    );
    return rows.map((r) => r.group_id);
  }

  /** Members of several groups at once, with their kinds (one query per level of nesting when expanding). */
  findMembersOf(groupIds: readonly string[]): Promise<Array<{ member_id: string; kind: RecipientKind }>> {
    return this.db.query(
      `SELECT DISTINCT m.member_id, r.kind FROM group_member m JOIN recipient r ON r.id = m.member_id WHERE m.group_id = ANY($1::uuid[])`,
      [groupIds],
    );
  }

  /** True when `groupId` is `memberId` or (transitively) one of its members: adding would close a loop. */
  async wouldCreateLoop(manager: EntityManager, groupId: string, memberId: string): Promise<boolean> {
    if (groupId === memberId) return true;
    const rows = await manager.query<Array<{ found: boolean }>>(
      `WITH RECURSIVE below(id) AS (
         SELECT member_id FROM group_member WHERE group_id = $1
         UNION
         SELECT m.member_id FROM group_member m JOIN below ON m.group_id = below.id
       )
       SELECT EXISTS (SELECT 1 FROM below WHERE id = $2) AS found`,
      [memberId, groupId],
    );
    return rows[0].found;
  }

  async insertMembers(manager: EntityManager, groupId: string, memberIds: readonly string[]): Promise<void> {
    if (memberIds.length === 0) return;
    await manager.query(
      `INSERT INTO group_member (group_id, member_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [groupId, memberIds],
    );
  }

  async deleteMembers(manager: EntityManager, groupId: string, memberIds: readonly string[]): Promise<number> {
    if (memberIds.length === 0) return 0;
    const rows = await manager.query<Array<{ member_id: string }>>(
      // A CTE so the driver returns the rows (a bare DELETE … RETURNING comes back as [rows, count]).
      `WITH gone AS (DELETE FROM group_member WHERE group_id = $1 AND member_id = ANY($2::uuid[]) RETURNING member_id)
       SELECT member_id FROM gone`,
      [groupId, memberIds],
    );
    return rows.length;
  }
}
