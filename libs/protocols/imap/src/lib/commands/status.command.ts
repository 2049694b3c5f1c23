// status = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")" — RFC 3501 §6.3.10, with
// HIGHESTMODSEQ (RFC 7162 §3.1.4), SIZE (RFC 8438) and DELETED (RFC 9051 §6.3.11).
import { mailboxArgument } from '../mailbox/mailbox-name';
import { parseStatusItems, statusLine } from '../responses/list-status';
import { authenticatedUser, utf8Enabled } from '../session/authenticated-user';
import { enableCondstore } from '../session/selected-mailbox';
import { AUTHENTICATED_STATES, ok, type ImapCommandDefinition } from './imap-command';

export const statusCommand: ImapCommandDefinition = {
  names: ['STATUS'],
  states: AUTHENTICATED_STATES,
  capabilities: (s) => (s.state === 'not-authenticated' ? [] : ['STATUS=SIZE']),
  async handle(context, args) {
    const name = mailboxArgument(args, context.enabled);
    const items = parseStatusItems(args.list());
    args.end();
    // RFC 7162 §3.1: STATUS (HIGHESTMODSEQ) is a CONDSTORE-enabling command.
    if (items.includes('HIGHESTMODSEQ')) enableCondstore(context);
    const status = await context.backend.status(authenticatedUser(context), name, items);
    await context.untagged(statusLine(name, items, status, utf8Enabled(context)));
    return ok('STATUS completed');
  },
};
