// store = "STORE" SP sequence-set [SP store-modifiers] SP store-att-flags
// store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))
// RFC 3501 §6.4.6 (UID STORE §6.4.8); UNCHANGEDSINCE and [MODIFIED] from RFC 7162 §3.1.3.
import { parseFlag, parseFlagList } from '../parser/flag-args';
import { ImapSyntaxError } from '../parser/imap-value';
import { formatSequenceSet } from '../parser/sequence-set';
import {
  condstoreEnabled,
  enableCondstore,
  messageSetUids,
  selectedMailbox,
  sequenceNumberOf,
} from '../session/selected-mailbox';
import { no, ok, type ImapCommandDefinition } from './imap-command';

const STORE_ITEM = /^([+-]?)FLAGS(\.SILENT)?$/i;

export const storeCommand: ImapCommandDefinition = {
  names: ['STORE'],
  states: ['selected'],
  uid: true,
  forbidsExpunge: true,
  async handle(context, args, command) {
    const { user, view } = selectedMailbox(context);
    const setText = args.atom();
    let unchangedSince: bigint | undefined;
    if (args.peek()?.kind === 'list') {
      const modifiers = args.list();
      const name = modifiers[0]?.kind === 'atom' ? modifiers[0].value.toUpperCase() : '';
      const value = modifiers[1]?.kind === 'atom' ? modifiers[1].value : '';
      if (name !== 'UNCHANGEDSINCE' || !/^\d{1,20}$/.test(value) || modifiers.length !== 2) {
        throw new ImapSyntaxError('Unknown STORE modifier');
      }
      unchangedSince = BigInt(value);
    }
    const item = STORE_ITEM.exec(args.atom());
    if (!item) throw new ImapSyntaxError('Expected FLAGS, +FLAGS or -FLAGS');
    const flags = args.peek()?.kind === 'list' ? parseFlagList(args.list()) : [parseFlag(args.any())];
    while (args.remaining > 0) flags.push(parseFlag(args.any()));
    args.end();
    if (view.readOnly) return no('Mailbox is read-only', 'READ-ONLY');
    // RFC 7162 §3.1: STORE with UNCHANGEDSINCE is CONDSTORE-enabling.
    if (unchangedSince !== undefined) enableCondstore(context);
    const uids = messageSetUids(view, setText, command.uid);
    const operation = item[1] === '+' ? 'add' : item[1] === '-' ? 'remove' : 'set';
    const result =
      uids.length === 0
        ? { updated: [], modified: [] }
        : await context.backend.storeFlags(user, view.handle, uids, { operation, flags, unchangedSince });
    const silent = item[2] !== undefined;
    const condstore = condstoreEnabled(context.enabled);
    const reported = new Map<number, bigint>();
    for (const change of result.updated) {
      const sequence = sequenceNumberOf(view, change.uid);
      if (sequence === 0) continue;
      reported.set(change.uid, change.modseq);
      if (change.modseq > view.highestModseq && view.highestModseq > 0n) view.highestModseq = change.modseq;
      // RFC 7162 §3.1.3: .SILENT still reports the new MODSEQ to a CONDSTORE client (its example 7).
      if (silent && !condstore) continue;
      // RFC 7162 §3.1: once CONDSTORE is on, FETCH responses to flag changes carry UID and MODSEQ.
      const items: string[] = [];
      if (!silent) items.push(`FLAGS (${change.flags.join(' ')})`);
      if (command.uid || condstore) items.push(`UID ${change.uid}`);
      if (condstore) items.push(`MODSEQ (${change.modseq})`);
      await context.untagged(`${sequence} FETCH (${items.join(' ')})`);
    }
    // The change feed echoes these changes; the FETCH responses above already told the client.
    context.updates.dropFlagEvents(reported);
    const verb = `${command.uid ? 'UID ' : ''}STORE`;
    if (result.modified.length > 0) {
      const numbers = command.uid
        ? [...result.modified]
        : result.modified.map((uid) => sequenceNumberOf(view, uid)).filter((n) => n > 0);
      return ok(`Conditional ${verb} failed`, `MODIFIED ${formatSequenceSet(numbers.sort((a, b) => a - b))}`);
    }
    return ok(`${verb} completed`);
  },
};
