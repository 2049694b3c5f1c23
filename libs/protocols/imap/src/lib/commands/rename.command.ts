// rename = "RENAME" SP mailbox SP mailbox — RFC 3501 §6.3.5. Inferior names move along; renaming INBOX
// moves its messages to the new mailbox and leaves INBOX empty (the backend does both).
import { mailboxArgument } from '../mailbox/mailbox-name';
import { authenticatedUser } from '../session/authenticated-user';
import { AUTHENTICATED_STATES, no, ok, type ImapCommandDefinition } from './imap-command';
import { refuseNewName } from './new-mailbox-name';

export const renameCommand: ImapCommandDefinition = {
  names: ['RENAME'],
  states: AUTHENTICATED_STATES,
  async handle(context, args) {
    const from = mailboxArgument(args, context.enabled);
    const to = mailboxArgument(args, context.enabled).replace(/\/+$/, '');
    args.end();
    if (to === 'INBOX') return no('INBOX already exists', 'ALREADYEXISTS');
    const refused = refuseNewName(to);
    if (refused) return refused;
    if (from !== 'INBOX' && (to === from || to.startsWith(`${from}/`))) {
      return no('A mailbox cannot move into itself', 'CANNOT');
    }
    await context.backend.renameMailbox(authenticatedUser(context), from, to);
    return ok('RENAME completed');
  },
};
