// create = "CREATE" SP mailbox [SP "(" create-param *(SP create-param) ")"] — RFC 3501 §6.3.3, with
// RFC 4466 §2.2 parameters and RFC 6154 §3 "USE" (CREATE-SPECIAL-USE).
import type { SpecialUse } from '../backend/imap-backend';
import { mailboxArgument } from '../mailbox/mailbox-name';
import { ImapSyntaxError } from '../parser/imap-value';
import { authenticatedUser } from '../session/authenticated-user';
import { AUTHENTICATED_STATES, no, ok, type ImapCommandDefinition } from './imap-command';
import { refuseNewName } from './new-mailbox-name';

const SPECIAL_USES: readonly SpecialUse[] = [
  '\\All',
  '\\Archive',
  '\\Drafts',
  '\\Flagged',
  '\\Junk',
  '\\Sent',
  '\\Trash',
];

export const createCommand: ImapCommandDefinition = {
  names: ['CREATE'],
  states: AUTHENTICATED_STATES,
  capabilities: (s) => (s.state === 'not-authenticated' ? [] : ['CREATE-SPECIAL-USE']),
  async handle(context, args) {
    // RFC 3501 §6.3.3: a trailing delimiter announces children to come; the name is created without it.
    const name = mailboxArgument(args, context.enabled).replace(/\/+$/, '');
    const uses: string[] = [];
    if (args.remaining > 0) {
      const params = args.list();
      for (let i = 0; i < params.length; i += 2) {
        const key = params[i];
        const value = params[i + 1];
        if (key.kind !== 'atom' || key.value.toUpperCase() !== 'USE' || value?.kind !== 'list') {
          throw new ImapSyntaxError('Unknown CREATE parameter');
        }
        for (const use of value.items) {
          if (use.kind !== 'atom') throw new ImapSyntaxError('Invalid USE attribute');
          uses.push(use.value);
        }
      }
    }
    args.end();
    if (name === 'INBOX') return no('INBOX always exists', 'ALREADYEXISTS');
    const refused = refuseNewName(name);
    if (refused) return refused;
    let specialUse: SpecialUse | undefined;
    if (uses.length > 0) {
      // RFC 6154 §3: one special use per mailbox here; anything else fails with USEATTR.
      specialUse = SPECIAL_USES.find((u) => u.toLowerCase() === uses[0].toLowerCase());
      if (!specialUse || uses.length > 1) return no('Unsupported special-use attribute', 'USEATTR');
    }
    await context.backend.createMailbox(authenticatedUser(context), name, specialUse ? { specialUse } : undefined);
    return ok('CREATE completed');
  },
};
