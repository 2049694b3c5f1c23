import { Module } from '@nestjs/common';
import { QueueController } from './queue.controller';
import { TrackingController } from './tracking.controller';

/** REST controllers of the transport area; the services come from the global TransportModule. */
@Module({ controllers: [QueueController, TrackingController] })
export class TransportApiModule {}
