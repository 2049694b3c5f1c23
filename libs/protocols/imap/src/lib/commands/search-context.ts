import type { SearchResolver } from '../parser/search-args';
import { BadCharsetError, SEARCH_CHARSETS } from '../parser/search-args';
import { resolveSequenceNumbers, resolveUids } from '../parser/sequence-set';
import { savedUids } from '../session/selected-mailbox';
import type { MailboxView } from '../session/session-state';
import { no, type CommandResult } from './imap-command';

/** Sequence sets of SEARCH, SORT and THREAD keys resolved through the client's view of the mailbox. */
export function viewResolver(view: MailboxView): SearchResolver {
  return {
    sequenceUids: (set) =>
      set.kind === 'saved'
        ? savedUids(view)
        : resolveSequenceNumbers(set, view.uids.length).map((n) => view.uids[n - 1]),
    uidSetUids: (set) => (set.kind === 'saved' ? savedUids(view) : resolveUids(set, view.uids)),
  };
}

/** Runs a parse that may name a charset; an unknown one is NO [BADCHARSET (...)] (RFC 3501 §6.4.4). */
export function withCharset<T>(parse: () => T): T | CommandResult {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof BadCharsetError)) throw error;
    return no(`Charset ${error.charset} is not supported`, `BADCHARSET (${SEARCH_CHARSETS.join(' ')})`);
  }
}

export function isResult(value: unknown): value is CommandResult {
  return typeof value === 'object' && value !== null && 'status' in value && 'text' in value;
}
