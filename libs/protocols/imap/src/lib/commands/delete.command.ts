// delete = "DELETE" SP mailbox — RFC 3501 §6.3.4. INBOX cannot be deleted.
import { mailboxArgument } from '../mailbox/mailbox-name';
import { authenticatedUser } from '../session/authenticated-user';
import { AUTHENTICATED_STATES, no, ok, type ImapCommandDefinition } from './imap-command';

export const deleteCommand: ImapCommandDefinition = {
  names: ['DELETE'],
  states: AUTHENTICATED_STATES,
  async handle(context, args) {
    const name = mailboxArgument(args, context.enabled);
    args.end();
    if (name === 'INBOX') return no('INBOX cannot be deleted', 'CANNOT');
    await context.backend.deleteMailbox(authenticatedUser(context), name);
    return ok('DELETE completed');
  },
};
