import type { Pop3MessageInfo } from '../backend/pop3-backend';
import { err, multiline, ok } from '../responses/pop3-response';
import { messageIndex, words } from './message-number';
import type { CommandContext } from './pop3-command';

/**
 * LIST and UIDL (RFC 1939 §5, §7) answer alike: with a message number one "+OK n value" line, without
 * one a line per message not marked deleted. `value` gives the size or the unique-id.
 */
export function scanListing<P>(ctx: CommandContext<P>, args: string, value: (m: Pop3MessageInfo) => string): void {
  if (ctx.state.kind !== 'transaction') return;
  const { maildrop, deleted } = ctx.state;
  const [arg, extra] = words(args);
  if (extra !== undefined) return ctx.write(err('Too many arguments'));
  if (arg !== undefined) {
    const found = messageIndex(arg, maildrop, deleted);
    if ('error' in found) return ctx.write(found.error);
    return ctx.write(ok(`${found.index + 1} ${value(maildrop.messages[found.index])}`));
  }
  const lines: string[] = [];
  maildrop.messages.forEach((m, i) => {
    if (!deleted.has(i)) lines.push(`${i + 1} ${value(m)}`);
  });
  ctx.write(multiline(ok(`${lines.length} messages`), lines));
}
