import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { RecipientKind, RecipientSummaryDto } from '@estafette/contracts';
import { GroupMemberRepository } from './group-member.repository';
import { rowToSummaryDto } from './recipient.mapper';
import { RecipientRepository } from './recipient.repository';

function isGroup(kind: RecipientKind): boolean {
  return kind === 'group' || kind === 'query-group';
}

/**
 * Expands a group to the recipients mail to it reaches: nested groups and query-based groups are
 * resolved, each recipient appears once. Query-based groups can select groups that contain them, so
 * the walk remembers every group it has visited instead of trusting the data to be acyclic.
 */
@Injectable()
export class GroupExpansionService {
  constructor(
    private readonly recipients: RecipientRepository,
    private readonly members: GroupMemberRepository,
  ) {}

  async expand(groupId: string): Promise<RecipientSummaryDto[]> {
    const group = await this.recipients.findById(groupId);
    if (!group) throw new NotFoundException(`recipient ${groupId} does not exist`);
    if (!isGroup(group.kind)) throw new BadRequestException(`${group.displayName} is not a group`);
    const visited = new Set<string>([group.id]);
    const reached = new Set<string>();
    let level: Array<{ id: string; kind: RecipientKind }> = [{ id: group.id, kind: group.kind }];
    while (level.length > 0) {
      const found = await this.membersOf(level);
      level = [];
      for (const member of found) {
        if (visited.has(member.id)) continue;
        visited.add(member.id);
        if (isGroup(member.kind)) level.push(member);
        else reached.add(member.id);
      }
    }
    return (await this.recipients.findSummariesByIds([...reached])).map(rowToSummaryDto);
  }

  /**
   * The distribution groups a recipient is listed in, as the Member Of tab of Active Directory Users and
   * Computers shows them: direct membership only (query-based groups have no stored members).
   */
  async memberOf(recipientId: string): Promise<RecipientSummaryDto[]> {
    const recipient = await this.recipients.findById(recipientId);
    if (!recipient) throw new NotFoundException(`recipient ${recipientId} does not exist`);
    const summaries = await this.recipients.findSummariesByIds(await this.members.findGroupIdsOf(recipientId));
    return summaries.map(rowToSummaryDto).sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  /** One level down: listed members of distribution groups, filter results of query-based groups. */
  private async membersOf(
    groups: ReadonlyArray<{ id: string; kind: RecipientKind }>,
  ): Promise<Array<{ id: string; kind: RecipientKind }>> {
    const listed = groups.filter((g) => g.kind === 'group').map((g) => g.id);
    const out = listed.length
      ? (await this.members.findMembersOf(listed)).map((m) => ({ id: m.member_id, kind: m.kind }))
      : [];
    for (const g of groups.filter((x) => x.kind === 'query-group')) {
      const entity = await this.recipients.findById(g.id);
      if (entity?.queryFilter) out.push(...(await this.recipients.findIdsByFilter(entity.queryFilter)));
    }
    return out;
  }
}
