import { err, ok } from '../responses/pop3-response';
import type { CommandContext, Pop3Command } from './pop3-command';

/**
 * quit = "QUIT" (RFC 1939 §4, §6). In AUTHORIZATION it just ends the session. In TRANSACTION it enters
 * UPDATE: the marked messages are removed, all or none, and the maildrop lock ends either way.
 */
export const quitCommand: Pop3Command = {
  name: 'QUIT',
  states: ['authorization', 'transaction'],
  async run<P>(ctx: CommandContext<P>): Promise<void> {
    const state = ctx.state;
    ctx.state = { kind: 'update' };
    if (state.kind !== 'transaction') {
      ctx.write(ok('Bye'));
      return ctx.end();
    }
    const { maildrop, deleted } = state;
    try {
      if (deleted.size > 0) await maildrop.commitDeletions([...deleted].sort((a, b) => a - b));
      ctx.write(ok(`Bye (${maildrop.messages.length - deleted.size} messages left)`));
    } catch {
      // RFC 1939 §6: the server should report that some deleted messages were not removed.
      ctx.write(err('Some deleted messages were not removed; try again later', 'SYS/TEMP'));
    } finally {
      await maildrop.release();
      ctx.end();
    }
  },
};
