import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { RecipientDto, RecipientSummaryDto } from '@estafette/contracts';
import { GroupExpansionService, GroupMembershipService } from '@estafette/directory';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import { recipientScope } from './container-scopes';
import { GroupMembersDto } from './dto/group-members.dto';

/** Members of distribution groups; expansion of nested and query-based groups. */
@ApiTags('recipients')
@ApiBearerAuth()
@Controller('recipients/:id')
export class GroupMembersController {
  constructor(
    private readonly memberships: GroupMembershipService,
    private readonly expansion: GroupExpansionService,
  ) {}

  @Put('members')
  @RequirePermission('write', recipientScope)
  set(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: GroupMembersDto,
  ): Promise<RecipientDto> {
    return this.memberships.set(actorOf(principal), id, body.memberIds);
  }

  /** 200, not 201: nothing new is created, the group changes. */
  @Post('members')
  @HttpCode(200)
  @RequirePermission('write', recipientScope)
  add(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: GroupMembersDto,
  ): Promise<RecipientDto> {
    return this.memberships.add(actorOf(principal), id, body.memberIds);
  }

  @Delete('members/:memberId')
  @RequirePermission('write', recipientScope)
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('memberId', ParseUUIDPipe) memberId: string,
  ): Promise<RecipientDto> {
    return this.memberships.remove(actorOf(principal), id, memberId);
  }

  @Get('expanded-members')
  @RequirePermission('read', recipientScope)
  expanded(@Param('id', ParseUUIDPipe) id: string): Promise<RecipientSummaryDto[]> {
    return this.expansion.expand(id);
  }

  /** The groups that list this recipient (any kind of recipient, groups included). */
  @Get('member-of')
  @RequirePermission('read', recipientScope)
  memberOf(@Param('id', ParseUUIDPipe) id: string): Promise<RecipientSummaryDto[]> {
    return this.expansion.memberOf(id);
  }
}
