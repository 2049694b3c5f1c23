// close = "CLOSE" — RFC 3501 §6.4.2: expunge \Deleted messages silently (not in a read-only session)
// and return to the authenticated state.
import { selectedMailbox } from '../session/selected-mailbox';
import { ok, type ImapCommandDefinition } from './imap-command';

export const closeCommand: ImapCommandDefinition = {
  names: ['CLOSE'],
  states: ['selected'],
  async handle(context, args) {
    args.end();
    const { user, view } = selectedMailbox(context);
    // Leave the selected state first: the expunge must not come back as untagged EXPUNGE responses.
    context.setState({ kind: 'authenticated', user });
    if (!view.readOnly) await context.backend.expunge(user, view.handle);
    return ok('CLOSE completed');
  },
};
