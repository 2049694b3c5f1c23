import { MessageTrackingEventEntity } from './message-tracking-event.entity';
import { QueueItemEntity } from './queue-item.entity';
import { QueuedMessageEntity } from './queued-message.entity';

export { MessageTrackingEventEntity, QueueItemEntity, QueuedMessageEntity };

export const TRANSPORT_ENTITIES = [MessageTrackingEventEntity, QueueItemEntity, QueuedMessageEntity];
