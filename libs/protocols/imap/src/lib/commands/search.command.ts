// search = "SEARCH" [SP "RETURN" SP search-return-opts] [SP "CHARSET" SP astring] 1*(SP search-key)
// RFC 3501 §6.4.4 and §6.4.8 (UID SEARCH), RFC 4731 (ESEARCH), RFC 7162 §3.1.5 (MODSEQ).
import { parseSearchCommand, usesModseq } from '../parser/search-args';
import { formatSequenceSet } from '../parser/sequence-set';
import { quoted } from '../responses/imap-string';
import { enableCondstore, selectedMailbox, sequenceNumberOf } from '../session/selected-mailbox';
import { ok, type ImapCommandDefinition } from './imap-command';
import { isResult, viewResolver, withCharset } from './search-context';

export const searchCommand: ImapCommandDefinition = {
  names: ['SEARCH'],
  states: ['selected'],
  uid: true,
  forbidsExpunge: true,
  capabilities: (s) => (s.state === 'not-authenticated' ? [] : ['ESEARCH']),
  async handle(context, args, command) {
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
    } else {
      // RFC 4731 §3.1: RETURN () means ALL; MIN/MAX/ALL are left out when nothing matched.
      const options = parsed.returnOptions.length ? parsed.returnOptions : ['ALL'];
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
  },
};
