import { err, ok } from '../responses/pop3-response';
import { messageIndex, words } from './message-number';
import type { CommandContext, Pop3Command } from './pop3-command';

/** dele = "DELE" SP msg (RFC 1939 §5): marks the message; it goes only in the UPDATE state. */
export const deleCommand: Pop3Command = {
  name: 'DELE',
  states: ['transaction'],
  run<P>(ctx: CommandContext<P>, args: string): void {
    if (ctx.state.kind !== 'transaction') return;
    const [arg, extra] = words(args);
    if (arg === undefined || extra !== undefined) return ctx.write(err('Usage: DELE msg'));
    const found = messageIndex(arg, ctx.state.maildrop, ctx.state.deleted);
    if ('error' in found) return ctx.write(found.error);
    ctx.state.deleted.add(found.index);
    ctx.write(ok(`Message ${found.index + 1} deleted`));
  },
};
