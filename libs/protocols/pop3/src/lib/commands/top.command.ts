import { err, ok } from '../responses/pop3-response';
import { messageIndex, words } from './message-number';
import type { CommandContext, Pop3Command } from './pop3-command';

/** top = "TOP" SP msg SP n (RFC 1939 §7): the header section, the empty line and n body lines. */
export const topCommand: Pop3Command = {
  name: 'TOP',
  states: ['transaction'],
  async run<P>(ctx: CommandContext<P>, args: string): Promise<void> {
    if (ctx.state.kind !== 'transaction') return;
    const [arg, lines, extra] = words(args);
    if (lines === undefined || extra !== undefined || !/^\d{1,9}$/.test(lines))
      return ctx.write(err('Usage: TOP msg n'));
    const { maildrop } = ctx.state;
    const found = messageIndex(arg, maildrop, ctx.state.deleted);
    if ('error' in found) return ctx.write(found.error);
    await ctx.writeMessage(ok('Top of message follows'), await maildrop.retrieve(found.index), Number(lines));
  },
};
