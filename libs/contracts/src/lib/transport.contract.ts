/** Transport queues and the message tracking log as the REST API sees them. No runtime dependencies. */

/** What a link queue leads to: the categorizer (not yet routed), this server's stores, another server, a smart host, DNS MX. */
export type QueueKind = 'submission' | 'local' | 'server' | 'smart-host' | 'mx' | 'unreachable';

/**
 * As in Exchange's Queue Viewer: active (a delivery is under way), ready (waiting for a worker),
 * retry (every message waits for its next attempt), frozen (every message frozen by an administrator).
 */
export type QueueState = 'active' | 'ready' | 'retry' | 'frozen';
export const QUEUE_STATES: readonly QueueState[] = ['active', 'ready', 'retry', 'frozen'];

export interface QueueSummaryDto {
  /** The queue's key: 'submission', 'local', 'server:<name>', 'connector:<name>', 'domain:<domain>', 'unreachable'. */
  name: string;
  /** What Queue Viewer would show: 'Local delivery', the server name, the connector name or the remote domain. */
  displayName: string;
  kind: QueueKind;
  state: QueueState;
  messageCount: number;
  recipientCount: number;
  /** When the oldest message in the queue was received. */
  oldestReceivedAt: string | null;
  /** The earliest next attempt of a message in retry. */
  nextAttemptAt: string | null;
  lastError: string | null;
}

export type QueuedRecipientState = 'pending' | 'ready' | 'retry' | 'delivered' | 'relayed' | 'failed';

export interface QueuedRecipientDto {
  address: string;
  /** The RCPT TO this copy came from (differs after group expansion or forwarding). */
  envelopeAddress: string;
  state: QueuedRecipientState;
  frozen: boolean;
  queue: string | null;
  attempts: number;
  nextAttemptAt: string;
  expiresAt: string;
  /** Enhanced status code of the last outcome (RFC 3463), e.g. 4.4.1. */
  status: string | null;
  diagnostic: string | null;
}

export interface QueuedMessageDto {
  /** The queue id quoted in the 250 reply. */
  id: string;
  messageId: string;
  /** The envelope sender; '' for the null reverse-path <>. */
  sender: string;
  subject: string;
  size: number;
  receivedAt: string;
  /** categorize: waiting for the categorizer; routed: in link queues. */
  state: 'categorize' | 'routed';
  frozen: boolean;
  recipients: QueuedRecipientDto[];
}

export interface QueueDetailDto extends QueueSummaryDto {
  messages: QueuedMessageDto[];
}

export type TrackingEventKind =
  | 'received'
  | 'submitted'
  | 'expanded'
  | 'routed'
  | 'delivered'
  | 'transferred'
  | 'deferred'
  | 'failed'
  | 'ndr-sent'
  | 'dsn-sent'
  | 'frozen'
  | 'unfrozen'
  | 'retried'
  | 'deleted';

export const TRACKING_EVENT_KINDS: readonly TrackingEventKind[] = [
  'received',
  'submitted',
  'expanded',
  'routed',
  'delivered',
  'transferred',
  'deferred',
  'failed',
  'ndr-sent',
  'dsn-sent',
  'frozen',
  'unfrozen',
  'retried',
  'deleted',
];

export interface TrackingEventDto {
  id: string;
  at: string;
  event: TrackingEventKind;
  queueId: string | null;
  messageId: string;
  /** The envelope sender; '' for <>. */
  sender: string;
  recipient: string | null;
  server: string;
  status: string | null;
  detail: string;
}

export interface TrackingQuery {
  sender?: string;
  recipient?: string;
  messageId?: string;
  /** ISO 8601 date-times bounding the search (inclusive). */
  from?: string;
  to?: string;
  limit?: number;
}
