import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { TrackingEventDto } from '@estafette/contracts';
import { RequirePermission } from '@estafette/security';
import { MessageTrackingService } from '@estafette/transport';
import { TrackingEventResponse } from './tracking-event.response';
import { TrackingQuery } from './tracking.query';

/** Message tracking (Exchange's Message Tracking Center): the events of messages, searched by sender, recipient, message-id and time. */
@ApiTags('tracking')
@ApiBearerAuth()
@Controller('tracking')
export class TrackingController {
  constructor(private readonly tracking: MessageTrackingService) {}

  @Get()
  @RequirePermission('read')
  @ApiOkResponse({ type: [TrackingEventResponse], description: 'oldest first, at most `limit` (200) events' })
  search(@Query() query: TrackingQuery): Promise<TrackingEventDto[]> {
    return this.tracking.search(query);
  }
}
