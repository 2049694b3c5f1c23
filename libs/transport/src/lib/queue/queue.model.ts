import type { NextHopKind, QueueItemState, RouteTarget } from '../routing/next-hop';

/** An accepted message in transit (a queued_message row). */
export interface QueuedMessage {
  id: string;
  blobSha256: string;
  size: number;
  mailFrom: string | null;
  dsnEnvelopeId: string | null;
  dsnRet: 'FULL' | 'HDRS' | null;
  authenticatedRecipientId: string | null;
  entryPoint: 'smtp' | 'submission' | 'internal';
  clientAddress: string;
  clientHostname: string;
  heloName: string;
  messageIdHeader: string;
  subject: string;
  hopCount: number;
  isReport: boolean;
  receivedAt: Date;
  receivedBy: string;
  state: 'categorize' | 'routed';
  frozen: boolean;
  nextAttemptAt: Date;
  attempts: number;
  lastError: string | null;
}

export type NewQueuedMessage = Omit<QueuedMessage, 'state' | 'frozen' | 'attempts' | 'lastError'>;

/** One copy for one recipient (a queue_item row). */
export interface QueueItem {
  id: string;
  messageId: string;
  recipient: string;
  envelopeRecipient: string;
  originalRecipient: string | null;
  notify: string | null;
  recipientId: string | null;
  state: QueueItemState;
  frozen: boolean;
  nextHop: string | null;
  nextHopKind: NextHopKind | null;
  route: RouteTarget | null;
  attempts: number;
  nextAttemptAt: Date;
  expiresAt: Date;
  delayNotifyAt: Date;
  delayNotified: boolean;
  status: string | null;
  diagnostic: string | null;
  remoteMta: string | null;
  reportPending: boolean;
  finishedAt: Date | null;
  /** A process holding this copy died: it may already be delivered. */
  inDoubt: boolean;
  lockedBy: string | null;
}

export type NewQueueItem = Pick<
  QueueItem,
  | 'messageId'
  | 'recipient'
  | 'envelopeRecipient'
  | 'originalRecipient'
  | 'notify'
  | 'recipientId'
  | 'state'
  | 'nextHop'
  | 'nextHopKind'
  | 'route'
  | 'nextAttemptAt'
  | 'expiresAt'
  | 'delayNotifyAt'
  | 'delayNotified'
  | 'status'
  | 'diagnostic'
  | 'reportPending'
  | 'finishedAt'
> & { frozen?: boolean };

/** What a delivery attempt or an administrator decided for one copy. */
export interface ItemOutcome {
  itemId: string;
  state: QueueItemState;
  status: string | null;
  diagnostic: string | null;
  remoteMta?: string | null;
  nextAttemptAt?: Date;
  attempts?: number;
  reportPending: boolean;
  finishedAt?: Date | null;
  /** Re-routed copies (unreachable destination found again). */
  nextHop?: { queue: string; kind: NextHopKind; route: RouteTarget };
}

/** RFC 3461 NOTIFY as stored: null is the default (FAILURE and DELAY). */
export function notifies(notify: string | null, what: 'SUCCESS' | 'FAILURE' | 'DELAY'): boolean {
  if (notify === null) return what !== 'SUCCESS';
  return notify.split(',').includes(what);
}

export const FINAL_STATES: readonly QueueItemState[] = ['delivered', 'relayed', 'failed'];

export function isFinal(state: QueueItemState): boolean {
  return FINAL_STATES.includes(state);
}
