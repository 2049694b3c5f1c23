// subscribe = "SUBSCRIBE" SP mailbox; unsubscribe = "UNSUBSCRIBE" SP mailbox — RFC 3501 §6.3.6, §6.3.7.
import { mailboxArgument } from '../mailbox/mailbox-name';
import { authenticatedUser } from '../session/authenticated-user';
import { AUTHENTICATED_STATES, ok, type ImapCommandDefinition } from './imap-command';

export const subscribeCommand: ImapCommandDefinition = {
  names: ['SUBSCRIBE', 'UNSUBSCRIBE'],
  states: AUTHENTICATED_STATES,
  async handle(context, args, command) {
    const name = mailboxArgument(args, context.enabled);
    args.end();
    const subscribe = command.name === 'SUBSCRIBE';
    await context.backend.setSubscribed(authenticatedUser(context), name, subscribe);
    return ok(`${command.name} completed`);
  },
};
