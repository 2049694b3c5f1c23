import { err } from '../responses/pop3-response';
import type { CommandContext, Pop3Command } from './pop3-command';

/** stls = "STLS" (RFC 2595 §4), only in AUTHORIZATION and only once. */
export const stlsCommand: Pop3Command = {
  name: 'STLS',
  states: ['authorization'],
  async run<P>(ctx: CommandContext<P>): Promise<void> {
    if (ctx.info.secure) return ctx.write(err('Command not permitted when TLS active'));
    if (!ctx.canStartTls) return ctx.write(err('STLS is not available: this server has no certificate'));
    await ctx.startTls('Begin TLS negotiation');
  },
};
