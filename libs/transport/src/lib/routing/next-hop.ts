import type { QueuedRecipientState } from '@estafette/contracts';

export type QueueItemState = QueuedRecipientState;

/** How a link queue delivers. */
export type NextHopKind = 'local' | 'server' | 'smart-host' | 'mx' | 'unreachable';

/** Where a link queue delivers to, stored with each queued copy so that delivery needs no second routing pass. */
export type RouteTarget =
  /** Delivery on this server: to the copy's mailbox, or into a public folder when publicFolderId is set. */
  | { kind: 'local'; publicFolderId?: string; publicStoreId?: string }
  /** Another server of the organisation: its name and the port of its SMTP virtual server. */
  | { kind: 'server'; serverId: string; host: string; port: number }
  /** An SMTP connector's smart host (`[192.0.2.1]` literals are not looked up). */
  | { kind: 'smart-host'; connector: string; host: string; port: number | null; literal: boolean }
  /** DNS MX of the recipient domain, optionally through an SMTP connector without smart host. */
  | { kind: 'mx'; domain: string; connector: string | null }
  | { kind: 'unreachable'; reason: string };

export interface NextHop {
  /** The link queue name: 'local', 'server:<name>', 'connector:<name>', 'domain:<domain>' or 'unreachable'. */
  queue: string;
  kind: NextHopKind;
  route: RouteTarget;
}

export const LOCAL_QUEUE = 'local';
export const UNREACHABLE_QUEUE = 'unreachable';
export const SUBMISSION_QUEUE = 'submission';

export function localHop(): NextHop {
  return { queue: LOCAL_QUEUE, kind: 'local', route: { kind: 'local' } };
}

export function unreachableHop(reason: string): NextHop {
  return { queue: UNREACHABLE_QUEUE, kind: 'unreachable', route: { kind: 'unreachable', reason } };
}

/** What Queue Viewer shows for a queue name. */
export function queueDisplayName(queue: string): string {
  if (queue === LOCAL_QUEUE) return 'Local delivery';
  if (queue === UNREACHABLE_QUEUE) return 'Messages with an unreachable destination';
  if (queue === SUBMISSION_QUEUE) return 'Messages awaiting directory lookup';
  const colon = queue.indexOf(':');
  return colon < 0 ? queue : queue.slice(colon + 1);
}
