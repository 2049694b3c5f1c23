// move = "MOVE" SP sequence-set SP mailbox — RFC 6851 §3: copy, then expunge the sources, atomically;
// COPYUID in an untagged OK, then EXPUNGE (or VANISHED) for the moved messages (§4.3).
import { mailboxArgument } from '../mailbox/mailbox-name';
import { copyOrMove } from './copy.command';
import type { ImapCommandDefinition } from './imap-command';

export const moveCommand: ImapCommandDefinition = {
  names: ['MOVE'],
  states: ['selected'],
  uid: true,
  capabilities: (s) => (s.state === 'not-authenticated' ? [] : ['MOVE']),
  async handle(context, args, command) {
    const setText = args.atom();
    const target = mailboxArgument(args, context.enabled);
    args.end();
    return copyOrMove(context, setText, target, command.uid, true);
  },
};
