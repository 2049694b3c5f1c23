import type { TrackingEventKind } from '@estafette/contracts';

export type { TrackingEventKind };

/** One event to write to the tracking log (the time and the server are filled in by the service). */
export interface TrackingRecord {
  event: TrackingEventKind;
  queueId: string | null;
  messageId: string;
  /** The envelope sender; '' for <>. */
  sender: string;
  recipient?: string | null;
  status?: string | null;
  detail?: string;
}
