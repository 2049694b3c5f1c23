// command-nonauth =/ "STARTTLS" — RFC 3501 §6.2.1: TLS negotiation begins right after the tagged OK;
// afterwards the client must ask CAPABILITY again (the server sends no greeting).
import { bad, ok, type ImapCommandDefinition } from './imap-command';

export const starttlsCommand: ImapCommandDefinition = {
  names: ['STARTTLS'],
  states: ['not-authenticated'],
  capabilities: (situation) => (situation.canStartTls && situation.state === 'not-authenticated' ? ['STARTTLS'] : []),
  async handle(context, args) {
    args.end();
    if (!context.canStartTls) return bad(context.client.secure ? 'TLS already active' : 'TLS not available');
    return { ...ok('Begin TLS negotiation now'), after: () => context.startTls() };
  },
};
