import { multiline, ok } from '../responses/pop3-response';
import { plaintextRefusal } from './login';
import type { CommandContext, Pop3Command } from './pop3-command';

/**
 * capa = "CAPA" (RFC 2449 §5), in every state. What is listed follows what this session may do now:
 * USER and SASL only where passwords may be sent (RFC 2595 §4), STLS only before TLS and login.
 */
export const capaCommand: Pop3Command = {
  name: 'CAPA',
  states: ['authorization', 'transaction'],
  run<P>(ctx: CommandContext<P>): void {
    const lines = ['TOP', 'UIDL', 'RESP-CODES', 'AUTH-RESP-CODE', 'PIPELINING'];
    const authorizing = ctx.state.kind === 'authorization';
    const passwordsAllowed = plaintextRefusal(ctx) === null;
    if (authorizing && passwordsAllowed) {
      if (ctx.settings.userPass) lines.push('USER');
      if (ctx.settings.mechanisms.length > 0) lines.push(`SASL ${ctx.settings.mechanisms.join(' ')}`);
    }
    if (authorizing && ctx.canStartTls) lines.push('STLS');
    // RFC 2449 §6.7: EXPIRE NEVER, the server does not delete mail by itself (retention keeps deleted items).
    lines.push('EXPIRE NEVER', 'IMPLEMENTATION Estafette');
    ctx.write(multiline(ok('Capability list follows'), lines));
  },
};
