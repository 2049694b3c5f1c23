// check = "CHECK" — RFC 3501 §6.4.1: a checkpoint; the store commits every change at once already.
import { ok, type ImapCommandDefinition } from './imap-command';

export const checkCommand: ImapCommandDefinition = {
  names: ['CHECK'],
  states: ['selected'],
  async handle(_context, args) {
    args.end();
    return ok('CHECK completed');
  },
};
