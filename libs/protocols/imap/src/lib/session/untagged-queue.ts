import type { MailboxEvent } from '../backend/imap-backend';
import type { MailboxView } from './session-state';

/**
 * Changes to the selected mailbox made elsewhere, held until the server may tell the client.
 * RFC 3501 §7.4.1: EXPUNGE must not be sent while no command is in progress (except IDLE), nor while
 * answering FETCH, STORE or SEARCH (their UID forms may), because it renumbers messages the client is
 * addressing by sequence number. EXISTS and FETCH FLAGS may be sent at the end of any command.
 */
export class UntaggedQueue {
  private events: MailboxEvent[] = [];

  /** Called after each push: IDLE (RFC 2177) uses it to send updates while no command is running. */
  onPush: (() => void) | null = null;

  push(event: MailboxEvent): void {
    this.events.push(event);
    this.onPush?.();
  }

  get size(): number {
    return this.events.length;
  }

  clear(): void {
    this.events = [];
  }

  /**
   * The untagged lines to send now, updating the view to match. With `allowExpunge` false, expunges
   * stay queued and the view keeps those messages so that sequence numbers and EXISTS stay consistent.
   */
  flush(view: MailboxView, allowExpunge: boolean): string[] {
    const lines: string[] = [];
    const kept: MailboxEvent[] = [];
    let grew = false;
    for (const event of this.events) {
      if (event.kind === 'expunge') {
        if (!allowExpunge) {
          kept.push(event);
          continue;
        }
        // Highest first is not required, but each EXPUNGE renumbers what follows (RFC 3501 §7.4.1).
        for (const uid of event.uids) {
          const index = view.uids.indexOf(uid);
          if (index < 0) continue;
          view.uids.splice(index, 1);
          lines.push(`* ${index + 1} EXPUNGE`);
        }
      } else if (event.kind === 'exists') {
        for (const uid of event.uids) {
          if (uid > (view.uids[view.uids.length - 1] ?? 0)) {
            view.uids.push(uid);
            view.uidNext = Math.max(view.uidNext, uid + 1);
            grew = true;
          }
        }
      } else {
        // Flag changes for a message still pending expunge are still reported: it still has its number.
        const index = view.uids.indexOf(event.uid);
        if (index >= 0) {
          const modseq = view.highestModseq > 0n ? ` MODSEQ (${event.modseq})` : '';
          lines.push(`* ${index + 1} FETCH (UID ${event.uid} FLAGS (${event.flags.join(' ')})${modseq})`);
        }
        if (event.modseq > view.highestModseq && view.highestModseq > 0n) view.highestModseq = event.modseq;
      }
    }
    if (grew) lines.push(`* ${view.uids.length} EXISTS`);
    this.events = kept;
    return lines;
  }
}
