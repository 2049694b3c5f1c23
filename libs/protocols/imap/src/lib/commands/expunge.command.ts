// expunge = "EXPUNGE" — RFC 3501 §6.4.3; uid-expunge = "UID EXPUNGE" SP sequence-set — RFC 4315 §2.1
// (UIDPLUS): only the \Deleted messages among the given UIDs are removed.
import { ImapSyntaxError } from '../parser/imap-value';
import { announceExpunged, messageSetUids, selectedMailbox } from '../session/selected-mailbox';
import { no, ok, type ImapCommandDefinition } from './imap-command';

export const expungeCommand: ImapCommandDefinition = {
  names: ['EXPUNGE'],
  states: ['selected'],
  uid: true,
  capabilities: (s) => (s.state === 'not-authenticated' ? [] : ['UIDPLUS']),
  async handle(context, args, command) {
    const { user, view } = selectedMailbox(context);
    let uids: number[] | undefined;
    if (command.uid) {
      if (args.remaining === 0) throw new ImapSyntaxError('UID EXPUNGE needs a UID set');
      uids = messageSetUids(view, args.atom(), true);
    }
    args.end();
    if (view.readOnly) return no('Mailbox is read-only', 'READ-ONLY');
    if (uids && uids.length === 0) return ok('UID EXPUNGE completed');
    const gone = await context.backend.expunge(user, view.handle, uids);
    await announceExpunged(context, view, gone);
    return ok(`${command.uid ? 'UID ' : ''}EXPUNGE completed`);
  },
};
