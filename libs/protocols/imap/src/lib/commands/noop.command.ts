// command-any =/ "NOOP" — RFC 3501 §6.1.2: does nothing, but is the client's poll for mailbox updates:
// the connection delivers queued untagged EXISTS/EXPUNGE/FETCH before the tagged OK.
import { ANY_STATE, ok, type ImapCommandDefinition } from './imap-command';

export const noopCommand: ImapCommandDefinition = {
  names: ['NOOP'],
  states: ANY_STATE,
  async handle(_context, args) {
    args.end();
    return ok('NOOP completed');
  },
};
