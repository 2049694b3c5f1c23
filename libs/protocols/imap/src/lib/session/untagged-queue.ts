import type { MailboxEvent } from '../backend/imap-backend';
import { formatSequenceSet } from '../parser/sequence-set';
import type { MailboxView } from './session-state';

/** What the session enabled that changes how updates are worded (RFC 7162 §3.1.4, §3.2.10). */
export interface UpdateWording {
  /** CONDSTORE: unsolicited FETCH carries MODSEQ. */
  readonly condstore?: boolean;
  /** QRESYNC: expunges are VANISHED uid-sets instead of EXPUNGE sequence numbers. */
  readonly qresync?: boolean;
}

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
   * Drops flag events a command already reported itself (STORE answers with FETCH for the messages it
   * changed): the feed echoes the session's own change, and one FETCH per change is enough.
   */
  dropFlagEvents(reported: ReadonlyMap<number, bigint>): void {
    this.events = this.events.filter((e) => e.kind !== 'flags' || (reported.get(e.uid) ?? -1n) < e.modseq);
  }

  /**
   * The untagged lines to send now, updating the view to match. With `allowExpunge` false, expunges
   * stay queued and the view keeps those messages so that sequence numbers and EXISTS stay consistent.
   */
  flush(view: MailboxView, allowExpunge: boolean, wording: UpdateWording = {}): string[] {
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
        const vanished: number[] = [];
        for (const uid of event.uids) {
          const index = view.uids.indexOf(uid);
          if (index < 0) continue;
          view.uids.splice(index, 1);
          if (wording.qresync) vanished.push(uid);
          else lines.push(`* ${index + 1} EXPUNGE`);
        }
        // RFC 7162 §3.2.10: with QRESYNC enabled, VANISHED replaces EXPUNGE.
        if (vanished.length > 0) lines.push(`* VANISHED ${formatSequenceSet(vanished.sort((a, b) => a - b))}`);
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
          const modseq = wording.condstore && view.highestModseq > 0n ? ` MODSEQ (${event.modseq})` : '';
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
