// command-any =/ "LOGOUT" — RFC 3501 §6.1.3: untagged BYE, then the tagged OK, then the server closes.
import { ANY_STATE, ok, type ImapCommandDefinition } from './imap-command';

export const logoutCommand: ImapCommandDefinition = {
  names: ['LOGOUT'],
  states: ANY_STATE,
  async handle(context, args) {
    args.end();
    await context.untagged('BYE Estafette IMAP4rev1 server logging out');
    context.setState({ kind: 'logout' });
    return ok('LOGOUT completed');
  },
};
