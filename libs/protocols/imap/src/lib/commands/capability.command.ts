// capability = "CAPABILITY" — RFC 3501 §6.1.1: list the server's capabilities; valid in every state.
import { ANY_STATE, ok, type ImapCommandDefinition } from './imap-command';

export const capabilityCommand: ImapCommandDefinition = {
  names: ['CAPABILITY'],
  states: ANY_STATE,
  async handle(context, args) {
    args.end();
    await context.untagged(['CAPABILITY', ...context.capabilities()].join(' '));
    return ok('CAPABILITY completed');
  },
};
