import { err, ok } from '../responses/pop3-response';
import { plaintextRefusal } from './login';
import type { CommandContext, Pop3Command } from './pop3-command';

/**
 * user = "USER" SP name (RFC 1939 §7). The answer is +OK whether the name exists or not, so that
 * names cannot be probed; PASS decides.
 */
export const userCommand: Pop3Command = {
  name: 'USER',
  states: ['authorization'],
  run<P>(ctx: CommandContext<P>, args: string): void {
    if (!ctx.settings.userPass) return ctx.write(err('USER/PASS is not enabled on this server, use AUTH'));
    const refusal = plaintextRefusal(ctx);
    if (refusal) return ctx.write(refusal);
    const name = args.trim();
    if (name === '' || /\s/.test(name)) return ctx.write(err('Usage: USER name'));
    ctx.state = { kind: 'authorization', pendingUser: name };
    ctx.write(ok(`Send the password of ${name}`));
  },
};
