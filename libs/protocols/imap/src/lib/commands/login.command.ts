// login = "LOGIN" SP userid SP password — RFC 3501 §6.2.3. Refused in the clear unless configured
// (LOGINDISABLED is advertised then).
import { authAllowed, completeLogin, PRIVACY_REQUIRED } from './login-result';
import type { ImapCommandDefinition } from './imap-command';

export const loginCommand: ImapCommandDefinition = {
  names: ['LOGIN'],
  states: ['not-authenticated'],
  capabilities: (s) => (s.state === 'not-authenticated' && !s.secure && !s.plaintextAuth ? ['LOGINDISABLED'] : []),
  async handle(context, args) {
    const username = args.astring();
    const password = args.astring();
    args.end();
    if (!authAllowed(context)) return PRIVACY_REQUIRED;
    return completeLogin(context, { username, password, mechanism: 'LOGIN' });
  },
};
