import { ok } from '../responses/pop3-response';
import type { CommandContext, Pop3Command } from './pop3-command';

/** noop = "NOOP" (RFC 1939 §5). */
export const noopCommand: Pop3Command = {
  name: 'NOOP',
  states: ['transaction'],
  run<P>(ctx: CommandContext<P>): void {
    ctx.write(ok());
  },
};
