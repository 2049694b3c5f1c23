import { err } from '../responses/pop3-response';
import { completeLogin } from './login';
import type { CommandContext, Pop3Command } from './pop3-command';

/**
 * apop = "APOP" SP name SP digest (RFC 1939 §7): MD5 of the greeting's timestamp and the shared secret.
 * Off unless the listener enables it and the backend keeps secrets it can digest.
 */
export const apopCommand: Pop3Command = {
  name: 'APOP',
  states: ['authorization'],
  async run<P>(ctx: CommandContext<P>, args: string): Promise<void> {
    const verify = ctx.backend.authenticateApop?.bind(ctx.backend);
    if (!ctx.apopBanner || !verify) return ctx.write(err('APOP is not enabled on this server'));
    const match = /^(\S+) ([0-9a-fA-F]{32})$/.exec(args);
    if (!match) return ctx.write(err('Usage: APOP name digest'));
    const [, user, digest] = match;
    await completeLogin(ctx, user, await verify(user, digest.toLowerCase(), ctx.apopBanner, ctx.info));
  },
};
