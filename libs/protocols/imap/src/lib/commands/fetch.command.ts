// fetch = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")")
//         [SP "(" fetch-modifier *(SP fetch-modifier) ")"]
// RFC 3501 §6.4.5 (and UID FETCH, §6.4.8); modifiers CHANGEDSINCE (RFC 7162 §3.1.4) and VANISHED (§3.2.6).
import type { BodySection, FetchRequest } from '../backend/imap-backend';
import { parseFetchAttributes, parseFetchModifiers, type FetchItem } from '../parser/fetch-args';
import { ImapSyntaxError } from '../parser/imap-value';
import { formatSequenceSet, parseSequenceSet, resolveUids } from '../parser/sequence-set';
import { writeFetchResponse } from '../responses/fetch-response';
import {
  condstoreEnabled,
  enableCondstore,
  messageSetUids,
  selectedMailbox,
  sequenceNumberOf,
} from '../session/selected-mailbox';
import { ok, type ImapCommandDefinition } from './imap-command';

export const fetchCommand: ImapCommandDefinition = {
  names: ['FETCH'],
  states: ['selected'],
  uid: true,
  forbidsExpunge: true,
  async handle(context, args, command) {
    const { user, view } = selectedMailbox(context);
    const setText = args.atom();
    const { items } = parseFetchAttributes(args.any());
    const modifiers = parseFetchModifiers(args.remaining > 0 ? args.list() : []);
    args.end();
    if (modifiers.vanished && (!command.uid || modifiers.changedSince === undefined)) {
      throw new ImapSyntaxError('VANISHED needs UID FETCH with CHANGEDSINCE');
    }
    if (modifiers.vanished && !context.enabled.has('QRESYNC')) throw new ImapSyntaxError('QRESYNC is not enabled');
    const kinds = new Set(items.map((i) => i.kind));
    // RFC 7162 §3.1: FETCH MODSEQ and CHANGEDSINCE are CONDSTORE-enabling.
    if (kinds.has('MODSEQ') || modifiers.changedSince !== undefined) enableCondstore(context);
    const sectionItems = items.filter((i): i is Extract<FetchItem, { kind: 'section' }> => i.kind === 'section');
    // RFC 3501 §6.4.5: BODY[...] without .PEEK sets \Seen, except in a read-only (EXAMINE) session.
    const markSeen = !view.readOnly && sectionItems.some((i) => !i.peek);
    const request: FetchRequest = {
      flags: kinds.has('FLAGS') || markSeen,
      internalDate: kinds.has('INTERNALDATE'),
      size: kinds.has('RFC822.SIZE'),
      envelope: kinds.has('ENVELOPE'),
      bodyStructure: kinds.has('BODY') || kinds.has('BODYSTRUCTURE'),
      modseq: kinds.has('MODSEQ') || modifiers.changedSince !== undefined || markSeen,
      sections: sectionItems.map((i): BodySection => i.section),
      markSeen,
    };
    let uids = messageSetUids(view, setText, command.uid);
    if (modifiers.changedSince !== undefined) {
      const changes = await context.backend.changesSince(user, view.handle, modifiers.changedSince);
      if (modifiers.vanished) {
        // RFC 7162 §3.2.6: expunged UIDs in the set, reported once, before the FETCH responses.
        const set = parseSequenceSet(setText);
        const gone = [...new Set(changes.vanished)]
          .filter((uid) => resolveUids(set, [uid]).length > 0)
          .sort((a, b) => a - b);
        if (gone.length > 0) await context.untagged(`VANISHED (EARLIER) ${formatSequenceSet(gone)}`);
      }
      const changed = new Set(
        changes.changed.filter((c) => c.modseq > (modifiers.changedSince ?? 0n)).map((c) => c.uid),
      );
      uids = uids.filter((uid) => changed.has(uid));
    }
    const reported = new Map<number, bigint>();
    if (uids.length > 0) {
      const options = {
        utf8: context.enabled.has('UTF8=ACCEPT'),
        // RFC 7162 §3.1: an implicit \Seen is a flag change: UID and MODSEQ for a CONDSTORE client.
        forceUid: command.uid || (markSeen && condstoreEnabled(context.enabled)),
        forceFlags: markSeen,
        // RFC 7162 §3.1.4: a CONDSTORE client learns the new MODSEQ of flags FETCH changed (\Seen).
        forceModseq: modifiers.changedSince !== undefined || (markSeen && condstoreEnabled(context.enabled)),
      };
      for await (const record of context.backend.fetch(user, view.handle, uids, request)) {
        // Leaving the loop closes the backend's iterator, which stops reading the store.
        if (context.closed) break;
        const sequence = sequenceNumberOf(view, record.uid);
        if (sequence === 0) continue;
        if (markSeen && record.modseq !== undefined) reported.set(record.uid, record.modseq);
        await writeFetchResponse((data) => context.write(data), sequence, record, items, options);
      }
    }
    // The \Seen change comes back through the change feed; this response already carried it.
    if (reported.size > 0) context.updates.dropFlagEvents(reported);
    return ok(`${command.uid ? 'UID ' : ''}FETCH completed`);
  },
};
