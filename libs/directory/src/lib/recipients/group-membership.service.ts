import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { RecipientDto } from '@estafette/contracts';
import { AuditLogService, type Actor } from '@estafette/security';
import { inTransaction } from '../common/transaction';
import type { RecipientEntity } from '../entities/recipient.entity';
import { GroupMemberRepository } from './group-member.repository';
import { RecipientReader } from './recipient.reader';
import { RecipientReferences } from './recipient-references';
import { RecipientRepository } from './recipient.repository';

type Change = 'set' | 'add' | 'remove';

/** Membership of distribution groups, nested without loops. */
@Injectable()
export class GroupMembershipService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly recipients: RecipientRepository,
    private readonly members: GroupMemberRepository,
    private readonly references: RecipientReferences,
    private readonly reader: RecipientReader,
    private readonly audit: AuditLogService,
  ) {}

  /** PUT: the group's members become exactly these. */
  set(actor: Actor, groupId: string, memberIds: readonly string[]): Promise<RecipientDto> {
    return this.change(actor, groupId, 'set', memberIds);
  }

  /** POST: adds these members; existing ones stay. */
  add(actor: Actor, groupId: string, memberIds: readonly string[]): Promise<RecipientDto> {
    return this.change(actor, groupId, 'add', memberIds);
  }

  remove(actor: Actor, groupId: string, memberId: string): Promise<RecipientDto> {
    return this.change(actor, groupId, 'remove', [memberId]);
  }

  /** Adds members inside the caller's transaction (group creation); checks references and loops. */
  async addInTransaction(manager: EntityManager, group: RecipientEntity, memberIds: readonly string[]): Promise<void> {
    await this.members.lockMembership(manager);
    const ids = await this.references.require(manager, 'memberIds', memberIds);
    const current = new Set(await this.members.findMemberIds(manager, group.id));
    const added = ids.filter((id) => !current.has(id));
    await this.ensureNoLoops(manager, group, added);
    await this.members.insertMembers(manager, group.id, added);
  }

  private change(actor: Actor, groupId: string, change: Change, memberIds: readonly string[]): Promise<RecipientDto> {
    return inTransaction(this.db, async (manager) => {
      const group = await this.recipients.findByIdForUpdate(manager, groupId);
      if (!group) throw new NotFoundException(`recipient ${groupId} does not exist`);
      if (group.kind !== 'group') {
        throw new BadRequestException(
          group.kind === 'query-group'
            ? `${group.displayName} is a query-based group: its members come from its filter`
            : `${group.displayName} is not a distribution group`,
        );
      }
      const before = await this.members.findMemberIds(manager, groupId);
      if (change === 'remove') {
        if ((await this.members.deleteMembers(manager, groupId, memberIds)) === 0) {
          throw new NotFoundException(`${memberIds[0]} is not a member of ${group.displayName}`);
        }
      } else {
        await this.addInTransaction(manager, group, memberIds);
        if (change === 'set') {
          const wanted = new Set(memberIds.map((id) => id.toLowerCase()));
          await this.members.deleteMembers(
            manager,
            groupId,
            before.filter((id) => !wanted.has(id)),
          );
        }
      }
      const after = await this.reader.load(manager, groupId);
      await this.audit.record(manager, actor, {
        action: 'update-members',
        objectType: 'recipient',
        objectId: groupId,
        objectName: group.displayName,
        before: { memberIds: before },
        after: { memberIds: after.memberIds },
      });
      return after;
    });
  }

  /** 409 naming the first member whose addition would make the group (transitively) contain itself. */
  private async ensureNoLoops(manager: EntityManager, group: RecipientEntity, added: readonly string[]): Promise<void> {
    for (const memberId of added) {
      if (await this.members.wouldCreateLoop(manager, group.id, memberId)) {
        const names = await this.recipients.findNames(manager, [memberId]);
        throw new ConflictException(
          `adding ${names.get(memberId) ?? memberId} to ${group.displayName} would create a loop`,
        );
      }
    }
  }
}
