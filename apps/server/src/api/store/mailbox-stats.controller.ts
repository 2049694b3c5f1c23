import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@estafette/security';
import { MailboxStatsService, type MailboxStats } from '@estafette/store';
import { MailboxStatsResponse } from './mailbox-stats.response';

/** Mailbox statistics (ESM's Logons and Mailboxes views): items and size per folder, quota state, last logon. */
@ApiTags('mailboxes')
@ApiBearerAuth()
@Controller('mailboxes')
export class MailboxStatsController {
  constructor(private readonly stats: MailboxStatsService) {}

  @Get(':recipientId/stats')
  @RequirePermission('read')
  @ApiOkResponse({ type: MailboxStatsResponse })
  @ApiNotFoundResponse({ description: 'no such recipient, or a recipient without a mailbox' })
  get(@Param('recipientId', ParseUUIDPipe) recipientId: string): Promise<MailboxStats> {
    return this.stats.stats(recipientId);
  }
}
