import { Module } from '@nestjs/common';
import { MailboxStatsController } from './mailbox-stats.controller';

/** REST controllers of the store area; the services come from the global StoreModule. */
@Module({ controllers: [MailboxStatsController] })
export class StoreApiModule {}
