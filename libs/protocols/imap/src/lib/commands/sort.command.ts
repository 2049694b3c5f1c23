// sort = ["UID" SP] "SORT" SP sort-criteria SP search-criteria — RFC 5256 §3 (charset mandatory),
// with DISPLAYFROM/DISPLAYTO (RFC 5957, SORT=DISPLAY).
import { checkCharset, parseSearchKeys, parseSortCriteria } from '../parser/search-args';
import { selectedMailbox, sequenceNumberOf } from '../session/selected-mailbox';
import { ok, type ImapCommandDefinition } from './imap-command';
import { isResult, viewResolver, withCharset } from './search-context';

export const sortCommand: ImapCommandDefinition = {
  names: ['SORT'],
  states: ['selected'],
  uid: true,
  forbidsExpunge: true,
  capabilities: (s) => (s.state === 'not-authenticated' ? [] : ['SORT', 'SORT=DISPLAY']),
  async handle(context, args, command) {
    const { user, view } = selectedMailbox(context);
    const parsed = withCharset(() => {
      const criteria = parseSortCriteria(args.list());
      checkCharset(args.astring());
      return { criteria, key: parseSearchKeys(args, viewResolver(view)) };
    });
    if (isResult(parsed)) return parsed;
    const uids = await context.backend.sort(user, view.handle, parsed.criteria, parsed.key);
    const known = uids.filter((uid) => sequenceNumberOf(view, uid) > 0);
    const numbers = command.uid ? known : known.map((uid) => sequenceNumberOf(view, uid));
    await context.untagged(['SORT', ...numbers].join(' '));
    return ok(`${command.uid ? 'UID ' : ''}SORT completed`);
  },
};
