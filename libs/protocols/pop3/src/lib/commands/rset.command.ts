import { err, ok } from '../responses/pop3-response';
import type { CommandContext, Pop3Command } from './pop3-command';

/** rset = "RSET" (RFC 1939 §5): unmarks every message marked deleted. */
export const rsetCommand: Pop3Command = {
  name: 'RSET',
  states: ['transaction'],
  run<P>(ctx: CommandContext<P>, args: string): void {
    if (ctx.state.kind !== 'transaction') return;
    if (args !== '') return ctx.write(err('RSET takes no argument'));
    ctx.state.deleted.clear();
    const { messages } = ctx.state.maildrop;
    const octets = messages.reduce((sum, m) => sum + m.size, 0);
    ctx.write(ok(`Maildrop has ${messages.length} messages (${octets} octets)`));
  },
};
