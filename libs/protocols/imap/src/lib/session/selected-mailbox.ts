import type { ImapUser } from '../backend/imap-backend';
import type { CommandContext } from '../commands/imap-command';
import { ImapSyntaxError } from '../parser/imap-value';
import { formatSequenceSet, parseSequenceSet, resolveSequenceNumbers, resolveUids } from '../parser/sequence-set';
import type { MailboxView } from './session-state';

/** The selected state's user and view; commands registered for 'selected' only can rely on it. */
export function selectedMailbox(context: CommandContext): { user: ImapUser; view: MailboxView } {
  const state = context.state;
  if (state.kind !== 'selected') throw new ImapSyntaxError('No mailbox selected');
  return { user: state.user, view: state.mailbox };
}

/**
 * The UIDs a sequence set names: message sequence numbers through the view, or UIDs (RFC 3501 §6.4.8)
 * limited to those the client knows. The backend is only ever asked about these.
 */
export function messageSetUids(view: MailboxView, text: string, uidMode: boolean): number[] {
  const set = parseSequenceSet(text);
  if (set.kind === 'saved') return savedUids(view);
  if (uidMode) return resolveUids(set, view.uids);
  return resolveSequenceNumbers(set, view.uids.length).map((n) => view.uids[n - 1]);
}

/** The message sequence number of `uid` in the view (binary search; uids are ascending), 0 if absent. */
export function sequenceNumberOf(view: MailboxView, uid: number): number {
  let lo = 0;
  let hi = view.uids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = view.uids[mid];
    if (at === uid) return mid + 1;
    if (at < uid) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/**
 * CONDSTORE is on once the client enabled it or QRESYNC (RFC 7162 §3.2.3), or used a
 * CONDSTORE-enabling command (§3.1: SELECT (CONDSTORE), FETCH MODSEQ / CHANGEDSINCE, STORE UNCHANGEDSINCE).
 */
export function condstoreEnabled(enabled: ReadonlySet<string>): boolean {
  return enabled.has('CONDSTORE') || enabled.has('QRESYNC');
}

/** Records a CONDSTORE-enabling command (RFC 7162 §3.1). */
export function enableCondstore(context: CommandContext): void {
  context.enabled.add('CONDSTORE');
}

/**
 * Tells the client that messages are gone (EXPUNGE, MOVE): one "n EXPUNGE" per message, each
 * renumbering the rest (RFC 3501 §7.4.1), or one VANISHED uid-set once QRESYNC is enabled (RFC 7162
 * §3.2.10). UIDs the client never saw are skipped; the change feed's echo then finds nothing to do.
 */
export async function announceExpunged(
  context: CommandContext,
  view: MailboxView,
  uids: readonly number[],
): Promise<void> {
  const gone = new Set(uids);
  const qresync = context.enabled.has('QRESYNC');
  const vanished: number[] = [];
  // Highest first, so each reported number is still valid when the client applies it in order.
  for (let index = view.uids.length - 1; index >= 0; index--) {
    const uid = view.uids[index];
    if (!gone.has(uid)) continue;
    view.uids.splice(index, 1);
    if (qresync) vanished.push(uid);
    else await context.untagged(`${index + 1} EXPUNGE`);
  }
  if (vanished.length > 0) await context.untagged(`VANISHED ${formatSequenceSet(vanished.reverse())}`);
}

/**
 * "$" (SEARCHRES, RFC 5182 §2.1): the saved UIDs still in the view, in UID and message-number commands
 * alike; expunged messages drop out because UIDs are never reused.
 */
export function savedUids(view: MailboxView): number[] {
  return (view.savedSearch ?? []).filter((uid) => sequenceNumberOf(view, uid) > 0);
}
