// search = "SEARCH" [SP "RETURN" SP search-return-opts] [SP "CHARSET" SP astring] 1*(SP search-key)
// RFC 3501 §6.4.4 and §6.4.8 (UID SEARCH), RFC 4731 (ESEARCH), RFC 5182 (SEARCHRES), RFC 7162 §3.1.5 (MODSEQ).
import type { CommandArgs } from '../parser/command-args';
import type { ImapCommand } from '../parser/imap-value';
import { parseSearchCommand, usesModseq, type SearchReturnOption } from '../parser/search-args';
import { formatSequenceSet } from '../parser/sequence-set';
import { quoted } from '../responses/imap-string';
import { enableCondstore, selectedMailbox, sequenceNumberOf } from '../session/selected-mailbox';
import { ok, type CommandContext, type CommandResult, type ImapCommandDefinition } from './imap-command';
import { isResult, viewResolver, withCharset } from './search-context';

/** The command asks for RETURN (... SAVE ...): a failure then empties "$" (RFC 5182 §2.4). */
function asksToSave(command: ImapCommand): boolean {
  const [first, second] = command.args;
  return (
    first?.kind === 'atom' &&
    first.value.toUpperCase() === 'RETURN' &&
    second?.kind === 'list' &&
    second.items.some((i) => i.kind === 'atom' && i.value.toUpperCase() === 'SAVE')
  );
}

/** RFC 5182 §2.1: SAVE with only MIN and/or MAX saves just those; otherwise every match. */
function savedPart(known: number[], options: readonly SearchReturnOption[]): number[] {
  const others = options.filter((o) => o !== 'SAVE');
  if (others.length === 0 || others.includes('ALL') || others.includes('COUNT') || known.length === 0) return known;
  const out = new Set<number>();
  if (others.includes('MIN')) out.add(known[0]);
  if (others.includes('MAX')) out.add(known[known.length - 1]);
  return [...out];
}

export const searchCommand: ImapCommandDefinition = {
  names: ['SEARCH'],
  states: ['selected'],
  uid: true,
  forbidsExpunge: true,
  capabilities: (s) => (s.state === 'not-authenticated' ? [] : ['ESEARCH', 'SEARCHRES']),
  async handle(context, args, command) {
    const { view } = selectedMailbox(context);
    try {
      const result = await search(context, args, command);
      if (result.status !== 'OK' && asksToSave(command)) view.savedSearch = [];
      return result;
    } catch (error) {
      if (asksToSave(command)) view.savedSearch = [];
      throw error;
    }
  },
};

async function search(context: CommandContext, args: CommandArgs, command: ImapCommand): Promise<CommandResult> {
  const { user, view } = selectedMailbox(context);
  const parsed = withCharset(() => parseSearchCommand(args, viewResolver(view), true));
  if (isResult(parsed)) return parsed;
  const modseq = usesModseq(parsed.key);
  // RFC 7162 §3.1: a SEARCH with MODSEQ turns CONDSTORE on for the session.
  if (modseq) enableCondstore(context);
  const result = await context.backend.search(user, view.handle, parsed.key);
  // Only messages the client has been told about can be named (RFC 3501 §7.4.1).
  const known = result.uids.filter((uid) => sequenceNumberOf(view, uid) > 0).sort((a, b) => a - b);
  const numbers = command.uid ? known : known.map((uid) => sequenceNumberOf(view, uid));
  const highest = modseq && known.length > 0 && result.highestModseq !== undefined ? result.highestModseq : null;
  if (parsed.returnOptions === null) {
    const tail = highest !== null ? ` (MODSEQ ${highest})` : '';
    await context.untagged(['SEARCH', ...numbers].join(' ') + tail);
    return ok(`${command.uid ? 'UID ' : ''}SEARCH completed`);
  }
  // RFC 4731 §3.1: RETURN () means ALL; MIN/MAX/ALL are left out when nothing matched.
  const options: readonly SearchReturnOption[] = parsed.returnOptions.length ? parsed.returnOptions : ['ALL'];
  if (options.includes('SAVE')) view.savedSearch = savedPart(known, options);
  // RFC 5182 §2.1: SAVE alone answers no ESEARCH at all.
  if (options.some((o) => o !== 'SAVE')) {
    const data: string[] = [`(TAG ${quoted(command.tag)})`];
    if (command.uid) data.push('UID');
    if (numbers.length > 0 && options.includes('MIN')) data.push(`MIN ${numbers[0]}`);
    if (numbers.length > 0 && options.includes('MAX')) data.push(`MAX ${numbers[numbers.length - 1]}`);
    if (options.includes('COUNT')) data.push(`COUNT ${numbers.length}`);
    if (numbers.length > 0 && options.includes('ALL')) data.push(`ALL ${formatSequenceSet(numbers)}`);
    if (highest !== null) data.push(`MODSEQ ${highest}`);
    await context.untagged(`ESEARCH ${data.join(' ')}`);
  }
  return ok(`${command.uid ? 'UID ' : ''}SEARCH completed`);
}
