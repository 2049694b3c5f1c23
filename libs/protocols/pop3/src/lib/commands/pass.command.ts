import { err } from '../responses/pop3-response';
import { authorization } from '../session/session-state';
import { completeLogin, plaintextRefusal } from './login';
import type { CommandContext, Pop3Command } from './pop3-command';

/**
 * pass = "PASS" SP string (RFC 1939 §7), right after a successful USER. The whole rest of the line is
 * the password: it may contain spaces.
 */
export const passCommand: Pop3Command = {
  name: 'PASS',
  states: ['authorization'],
  async run<P>(ctx: CommandContext<P>, args: string): Promise<void> {
    if (ctx.state.kind !== 'authorization' || ctx.state.pendingUser === null) return ctx.write(err('Send USER first'));
    const refusal = plaintextRefusal(ctx);
    if (refusal) return ctx.write(refusal);
    const user = ctx.state.pendingUser;
    ctx.state = authorization();
    await completeLogin(ctx, user, await ctx.backend.authenticate(user, args, ctx.info));
  },
};
