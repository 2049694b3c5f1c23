import { err, ok } from '../responses/pop3-response';
import type { CommandContext, Pop3Command } from './pop3-command';

/** stat = "STAT" (RFC 1939 §5): count and octets of the messages not marked deleted. */
export const statCommand: Pop3Command = {
  name: 'STAT',
  states: ['transaction'],
  run<P>(ctx: CommandContext<P>, args: string): void {
    if (ctx.state.kind !== 'transaction') return;
    if (args !== '') return ctx.write(err('STAT takes no argument'));
    const { maildrop, deleted } = ctx.state;
    let count = 0;
    let octets = 0;
    maildrop.messages.forEach((m, i) => {
      if (deleted.has(i)) return;
      count++;
      octets += m.size;
    });
    ctx.write(ok(`${count} ${octets}`));
  },
};
