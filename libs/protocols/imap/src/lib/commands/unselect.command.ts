// unselect = "UNSELECT" — RFC 3691: leave the selected state like CLOSE, but without expunging.
import { selectedMailbox } from '../session/selected-mailbox';
import { ok, type ImapCommandDefinition } from './imap-command';

export const unselectCommand: ImapCommandDefinition = {
  names: ['UNSELECT'],
  states: ['selected'],
  capabilities: (s) => (s.state === 'not-authenticated' ? [] : ['UNSELECT']),
  async handle(context, args) {
    args.end();
    const { user } = selectedMailbox(context);
    context.setState({ kind: 'authenticated', user });
    return ok('UNSELECT completed');
  },
};
