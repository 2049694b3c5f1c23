// thread = ["UID" SP] "THREAD" SP thread-alg SP search-charset 1*(SP search-key) — RFC 5256 §3.
import type { ThreadAlgorithm } from '../backend/imap-backend';
import { ImapSyntaxError } from '../parser/imap-value';
import { checkCharset, parseSearchKeys } from '../parser/search-args';
import { selectedMailbox, sequenceNumberOf } from '../session/selected-mailbox';
import { threadResponse } from '../threading/thread-response';
import { ok, type ImapCommandDefinition } from './imap-command';
import { isResult, viewResolver, withCharset } from './search-context';

const ALGORITHMS: readonly ThreadAlgorithm[] = ['ORDEREDSUBJECT', 'REFERENCES'];

export const threadCommand: ImapCommandDefinition = {
  names: ['THREAD'],
  states: ['selected'],
  uid: true,
  forbidsExpunge: true,
  capabilities: (s) => (s.state === 'not-authenticated' ? [] : ALGORITHMS.map((a) => `THREAD=${a}`)),
  async handle(context, args, command) {
    const { user, view } = selectedMailbox(context);
    const name = args.atom().toUpperCase();
    const algorithm = ALGORITHMS.find((a) => a === name);
    if (!algorithm) throw new ImapSyntaxError(`Unknown threading algorithm ${name}`);
    const parsed = withCharset(() => {
      checkCharset(args.astring());
      return parseSearchKeys(args, viewResolver(view));
    });
    if (isResult(parsed)) return parsed;
    const threads = await context.backend.thread(user, view.handle, algorithm, parsed);
    const number = (uid: number): number | null => {
      const n = sequenceNumberOf(view, uid);
      return n === 0 ? null : command.uid ? uid : n;
    };
    await context.untagged(threadResponse(threads, number));
    return ok(`${command.uid ? 'UID ' : ''}THREAD completed`);
  },
};
