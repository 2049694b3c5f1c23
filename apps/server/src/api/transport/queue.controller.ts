import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { QueueDetailDto, QueuedMessageDto, QueueSummaryDto } from '@estafette/contracts';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import { QueueAdminService } from '@estafette/transport';
import { DeleteQueuedMessageQuery } from './delete-queued-message.query';
import { QueueDetailResponse, QueuedMessageResponse, QueueSummaryResponse } from './queue.response';

/** Queue Viewer: the link queues of the transport and the administrator's actions on queued messages. */
@ApiTags('queues')
@ApiBearerAuth()
@Controller('queues')
export class QueueController {
  constructor(private readonly queues: QueueAdminService) {}

  @Get()
  @RequirePermission('read')
  @ApiOkResponse({ type: [QueueSummaryResponse], description: 'one entry per next hop that holds messages' })
  list(): Promise<QueueSummaryDto[]> {
    return this.queues.listQueues();
  }

  @Get('messages/:id')
  @RequirePermission('read')
  @ApiOkResponse({ type: QueuedMessageResponse })
  @ApiNotFoundResponse({ description: 'the message is not (or no longer) queued' })
  message(@Param('id') id: string): Promise<QueuedMessageDto> {
    return this.queues.getMessage(id);
  }

  @Get(':name')
  @RequirePermission('read')
  @ApiOkResponse({ type: QueueDetailResponse })
  @ApiNotFoundResponse({ description: 'no messages wait in that queue' })
  get(@Param('name') name: string): Promise<QueueDetailDto> {
    return this.queues.getQueue(name);
  }

  @Post('messages/:id/retry')
  @HttpCode(200)
  @RequirePermission('write')
  @ApiOkResponse({ type: QueuedMessageResponse, description: 'every waiting copy is due at once' })
  retry(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<QueuedMessageDto> {
    return this.queues.retry(actorOf(principal), id);
  }

  @Post('messages/:id/freeze')
  @HttpCode(200)
  @RequirePermission('write')
  @ApiOkResponse({ type: QueuedMessageResponse })
  freeze(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<QueuedMessageDto> {
    return this.queues.freeze(actorOf(principal), id);
  }

  @Post('messages/:id/unfreeze')
  @HttpCode(200)
  @RequirePermission('write')
  @ApiOkResponse({ type: QueuedMessageResponse })
  unfreeze(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<QueuedMessageDto> {
    return this.queues.unfreeze(actorOf(principal), id);
  }

  @Delete('messages/:id')
  @HttpCode(200)
  @RequirePermission('write')
  @ApiQuery({
    name: 'ndr',
    required: false,
    type: Boolean,
    description: 'send the sender a non-delivery report (4.3.2)',
  })
  @ApiOkResponse({ type: QueuedMessageResponse, description: 'the message as it was left: its open copies failed' })
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: DeleteQueuedMessageQuery,
  ): Promise<QueuedMessageDto> {
    return this.queues.delete(actorOf(principal), id, query.ndr === 'true');
  }
}
