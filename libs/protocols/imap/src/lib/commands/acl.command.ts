// RFC 4314 §3: setacl = "SETACL" SP mailbox SP identifier SP mod-rights; deleteacl = "DELETEACL" SP
// mailbox SP identifier; getacl = "GETACL" SP mailbox; listrights = "LISTRIGHTS" SP mailbox SP
// identifier; myrights = "MYRIGHTS" SP mailbox. Rights are enforced by the backend (Exchange-like
// folder permissions); this file checks the syntax and writes the responses (§3.6-§3.8).
import { mailboxArgument } from '../mailbox/mailbox-name';
import { ImapSyntaxError } from '../parser/imap-value';
import { astring } from '../responses/imap-string';
import { mailboxString } from '../responses/list-response';
import { authenticatedUser, utf8Enabled } from '../session/authenticated-user';
import { AUTHENTICATED_STATES, ok, type ImapCommandDefinition } from './imap-command';

/**
 * RFC 4314 §2.1 rights, the obsolete "c" and "d" of RFC 2086 (§2.1.1 maps them) and the digits
 * reserved for implementations; any other letter is BAD (§3.1: "unrecognised right").
 */
const RIGHTS = /^[+-]?[lrswipkxtecda0-9]*$/;

function modRights(text: string): string {
  if (!RIGHTS.test(text)) throw new ImapSyntaxError('Unknown right in rights string');
  return text;
}

/** rights = astring; an empty set goes out as "". */
function rightsString(rights: string): string {
  return rights === '' ? '""' : astring(rights);
}

export const aclCommand: ImapCommandDefinition = {
  names: ['SETACL', 'DELETEACL', 'GETACL', 'LISTRIGHTS', 'MYRIGHTS'],
  states: AUTHENTICATED_STATES,
  // RIGHTS=texk: the RFC 4314 rights t, e, x and k are kept apart (§2.1, §5).
  capabilities: (s) => (s.state === 'not-authenticated' ? [] : ['ACL', 'RIGHTS=texk']),
  async handle(context, args, command) {
    const user = authenticatedUser(context);
    const utf8 = utf8Enabled(context);
    const mailbox = mailboxArgument(args, context.enabled);
    const name = mailboxString(mailbox, utf8);
    switch (command.name) {
      case 'SETACL': {
        const identifier = args.astring();
        const rights = modRights(args.astring());
        args.end();
        await context.backend.setAcl(user, mailbox, identifier, rights);
        break;
      }
      case 'DELETEACL': {
        const identifier = args.astring();
        args.end();
        await context.backend.deleteAcl(user, mailbox, identifier);
        break;
      }
      case 'GETACL': {
        args.end();
        const entries = await context.backend.getAcl(user, mailbox);
        const pairs = entries.map((e) => `${astring(e.identifier, { utf8 })} ${rightsString(e.rights)}`);
        await context.untagged(['ACL', name, ...pairs].join(' '));
        break;
      }
      case 'LISTRIGHTS': {
        const identifier = args.astring();
        args.end();
        const rights = await context.backend.listRights(user, mailbox, identifier);
        const required = rightsString(rights.required);
        await context.untagged(
          ['LISTRIGHTS', name, astring(identifier, { utf8 }), required, ...rights.optional.map(rightsString)].join(' '),
        );
        break;
      }
      default: {
        args.end();
        const rights = await context.backend.myRights(user, mailbox);
        await context.untagged(`MYRIGHTS ${name} ${rightsString(rights)}`);
      }
    }
    return ok(`${command.name} completed`);
  },
};
