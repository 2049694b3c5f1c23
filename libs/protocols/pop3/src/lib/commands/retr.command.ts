import { err, ok } from '../responses/pop3-response';
import { messageIndex, words } from './message-number';
import type { CommandContext, Pop3Command } from './pop3-command';

/** retr = "RETR" SP msg (RFC 1939 §5): the whole message, byte-stuffed. */
export const retrCommand: Pop3Command = {
  name: 'RETR',
  states: ['transaction'],
  async run<P>(ctx: CommandContext<P>, args: string): Promise<void> {
    if (ctx.state.kind !== 'transaction') return;
    const [arg, extra] = words(args);
    if (arg === undefined || extra !== undefined) return ctx.write(err('Usage: RETR msg'));
    const { maildrop } = ctx.state;
    const found = messageIndex(arg, maildrop, ctx.state.deleted);
    if ('error' in found) return ctx.write(found.error);
    const size = maildrop.messages[found.index].size;
    await ctx.writeMessage(ok(`${size} octets`), await maildrop.retrieve(found.index), null);
  },
};
