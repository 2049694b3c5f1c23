// lsub = "LSUB" SP mailbox SP list-mailbox — RFC 3501 §6.3.9: the subscribed names matching the pattern.
import { AUTHENTICATED_STATES, ok, type ImapCommandDefinition } from './imap-command';
import { listMailboxes } from './list.command';

export const lsubCommand: ImapCommandDefinition = {
  names: ['LSUB'],
  states: AUTHENTICATED_STATES,
  async handle(context, args) {
    const reference = args.astring();
    const pattern = args.astring();
    args.end();
    await listMailboxes(context, 'LSUB', {
      reference,
      patterns: [pattern],
      subscribed: true,
      // Parents of subscribed names are needed for the "%" rule of RFC 3501 §6.3.9.
      recursiveMatch: true,
      specialUse: false,
      returnSubscribed: false,
      returnStatus: null,
    });
    return ok('LSUB completed');
  },
};
