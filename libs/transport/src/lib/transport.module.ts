import { Module, type DynamicModule } from '@nestjs/common';
import { DirectoryModule } from '@estafette/directory';
import { GroupCommit } from '@estafette/store';
import { DirectoryCategorizerAdapter } from './categorizer/directory-categorizer.adapter';
import { TransportClock } from './clock';
import { DNS_RESOLVER, SystemDnsResolver } from './delivery/dns-resolver';
import { LocalDeliveryService } from './delivery/local-delivery.service';
import { RemoteDeliveryService } from './delivery/remote-delivery.service';
import { ReportService } from './dsn/report.service';
import { QueueAdminService } from './queue/queue-admin.service';
import { QueueBlobGc } from './queue/queue-blob-gc.service';
import { QueueEngine } from './queue/queue-engine.service';
import { QueueRepository } from './queue/queue.repository';
import { QueueSignal } from './queue/queue-signal';
import { RoutingService } from './routing/routing.service';
import { MESSAGE_SUBMISSION } from './submission/message-submission.port';
import { MessageSubmissionService } from './submission/message-submission.service';
import { SystemMessageService } from './submission/system-message.service';
import { TrackingRepository } from './tracking/tracking.repository';
import { MessageTrackingService } from './tracking/tracking.service';
import { TRANSPORT_OPTIONS, transportOptions, type TransportOptions } from './transport-options';

export interface TransportModuleOptions extends Partial<Omit<TransportOptions, 'serverName'>> {
  /** The name of the Server object this process runs as. */
  serverName: string;
}

/**
 * The transport: durable enqueue (MESSAGE_SUBMISSION, used by the SMTP listener), categorizer,
 * routing, the queues and their workers, local and remote delivery, reports and the tracking log.
 * Needs the store (BLOB_STORE, MAILBOX_DELIVERY: StoreModule is global) and the directory.
 * Options not given come from the environment (transportOptions), then Exchange's defaults.
 */
@Module({})
export class TransportModule {
  static forRoot(options: TransportModuleOptions): DynamicModule {
    const resolved: TransportOptions = { ...transportOptions(options.serverName), ...definedOnly(options) };
    return {
      module: TransportModule,
      global: true,
      imports: [DirectoryModule],
      providers: [
        { provide: TRANSPORT_OPTIONS, useValue: resolved },
        { provide: DNS_RESOLVER, useClass: SystemDnsResolver },
        { provide: MESSAGE_SUBMISSION, useExisting: MessageSubmissionService },
        DirectoryCategorizerAdapter,
        GroupCommit,
        LocalDeliveryService,
        MessageSubmissionService,
        MessageTrackingService,
        QueueAdminService,
        QueueBlobGc,
        QueueEngine,
        QueueRepository,
        QueueSignal,
        RemoteDeliveryService,
        ReportService,
        RoutingService,
        SystemMessageService,
        TrackingRepository,
        TransportClock,
      ],
      exports: [
        DNS_RESOLVER,
        MESSAGE_SUBMISSION,
        MessageTrackingService,
        QueueAdminService,
        QueueBlobGc,
        QueueEngine,
        TRANSPORT_OPTIONS,
        TransportClock,
      ],
    };
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
