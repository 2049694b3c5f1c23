// list = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]
// RFC 3501 §6.3.8 with the RFC 5258 (LIST-EXTENDED) grammar, RFC 5819 (LIST-STATUS),
// RFC 6154 §5.3 (SPECIAL-USE selection and return options) and RFC 3348 (CHILDREN).
import { ImapBackendError, type ListQuery, type StatusItem } from '../backend/imap-backend';
import { decodeMailboxName } from '../mailbox/mailbox-name';
import type { CommandArgs } from '../parser/command-args';
import { ImapSyntaxError, type ImapValue } from '../parser/imap-value';
import { listResponse, mailboxString } from '../responses/list-response';
import { parseStatusItems, statusLine } from '../responses/list-status';
import { authenticatedUser, utf8Enabled } from '../session/authenticated-user';
import { enableCondstore } from '../session/selected-mailbox';
import { AUTHENTICATED_STATES, ok, type CommandContext, type ImapCommandDefinition } from './imap-command';

const DELIMITER = '/';

interface ListOptions {
  subscribed: boolean;
  recursiveMatch: boolean;
  specialUse: boolean;
  returnSubscribed: boolean;
  returnStatus: StatusItem[] | null;
}

/** list-mailbox = 1*list-char / string: a pattern may be an atom holding "%" and "*". */
function patternText(value: ImapValue): string {
  if (value.kind === 'atom') return value.value;
  if (value.kind === 'string') return value.value.toString('utf8');
  throw new ImapSyntaxError('Expected a mailbox pattern');
}

function listOptions(args: CommandArgs): ListOptions & { patterns: string[]; reference: string } {
  const options: ListOptions = {
    subscribed: false,
    recursiveMatch: false,
    specialUse: false,
    returnSubscribed: false,
    returnStatus: null,
  };
  if (args.peek()?.kind === 'list') {
    for (const item of args.list()) {
      const name = item.kind === 'atom' ? item.value.toUpperCase() : '';
      if (name === 'SUBSCRIBED') options.subscribed = true;
      else if (name === 'RECURSIVEMATCH') options.recursiveMatch = true;
      else if (name === 'SPECIAL-USE') options.specialUse = true;
      // REMOTE (RFC 5258 §3.1): there are no remote mailboxes to add; accepted and ignored.
      else if (name !== 'REMOTE') throw new ImapSyntaxError('Unknown LIST selection option');
    }
    // RFC 5258 §3.1: RECURSIVEMATCH only refines another selection option.
    if (options.recursiveMatch && !options.subscribed && !options.specialUse) {
      throw new ImapSyntaxError('RECURSIVEMATCH needs another selection option');
    }
  }
  const reference = patternText(args.any());
  const patterns = args.peek()?.kind === 'list' ? args.list().map(patternText) : [patternText(args.any())];
  if (patterns.length === 0) throw new ImapSyntaxError('Expected a mailbox pattern');
  if (args.remaining > 0) {
    if (args.atom().toUpperCase() !== 'RETURN') throw new ImapSyntaxError('Expected RETURN');
    const items = args.list();
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const name = item.kind === 'atom' ? item.value.toUpperCase() : '';
      if (name === 'SUBSCRIBED') options.returnSubscribed = true;
      else if (name === 'STATUS') {
        const next = items[++i];
        if (next?.kind !== 'list') throw new ImapSyntaxError('STATUS return option needs a list');
        options.returnStatus = parseStatusItems(next.items);
      } else if (name !== 'CHILDREN' && name !== 'SPECIAL-USE') {
        // CHILDREN and SPECIAL-USE attributes are always returned (RFC 5258 §4 and RFC 6154 §2 allow it).
        throw new ImapSyntaxError('Unknown LIST return option');
      }
    }
  }
  args.end();
  return { ...options, patterns, reference };
}

export const listCommand: ImapCommandDefinition = {
  names: ['LIST'],
  states: AUTHENTICATED_STATES,
  capabilities: (s) =>
    s.state === 'not-authenticated' ? [] : ['LIST-EXTENDED', 'LIST-STATUS', 'SPECIAL-USE', 'CHILDREN', 'UTF8=ACCEPT'],
  // RFC 6855 §3: once enabled, mailbox names travel as UTF-8 (the codec) and quoted strings may hold UTF-8.
  enableable: ['UTF8=ACCEPT'],
  async handle(context, args) {
    const options = listOptions(args);
    await listMailboxes(context, 'LIST', options);
    return ok('LIST completed');
  },
};

/** Runs a LIST or LSUB query and writes its responses (shared with lsub.command.ts). */
export async function listMailboxes(
  context: CommandContext,
  kind: 'LIST' | 'LSUB',
  options: ListOptions & { patterns: string[]; reference: string },
): Promise<void> {
  const user = authenticatedUser(context);
  const utf8 = utf8Enabled(context);
  const reference = decodeMailboxName(options.reference, { utf8 });
  const patterns: string[] = [];
  for (const raw of options.patterns) {
    if (raw === '') {
      // RFC 3501 §6.3.8: an empty pattern asks for the delimiter and the root of the reference.
      const slash = reference.indexOf(DELIMITER);
      const root = slash >= 0 ? reference.slice(0, slash + 1) : '';
      if (kind === 'LIST') await context.untagged(`LIST (\\Noselect) "${DELIMITER}" ${mailboxString(root, utf8)}`);
    } else {
      patterns.push(decodeMailboxName(raw, { utf8 }));
    }
  }
  if (patterns.length === 0) return;
  // RFC 7162 §3.1: asking for HIGHESTMODSEQ turns CONDSTORE on, as STATUS does.
  if (options.returnStatus?.includes('HIGHESTMODSEQ')) enableCondstore(context);
  const query: ListQuery = {
    reference,
    patterns,
    subscribedOnly: options.subscribed,
    specialUseOnly: options.specialUse,
    recursiveMatch: options.recursiveMatch,
  };
  const percent = patterns.some((p) => p.includes('%'));
  for await (const listed of context.backend.listMailboxes(user, query)) {
    let entry = listed;
    if (kind === 'LSUB' && !entry.subscribed) {
      // RFC 3501 §6.3.9: with "%", an unsubscribed parent of subscribed names stands for them as
      // \Noselect; with "*" the subscribed names are listed themselves.
      if (!percent) continue;
      entry = { ...entry, attributes: ['\\Noselect', ...entry.attributes.filter((a) => a !== '\\Noselect')] };
    }
    await context.untagged(
      listResponse(kind, entry, {
        utf8,
        subscribed: kind === 'LIST' && (options.subscribed || options.returnSubscribed),
        childInfo: kind === 'LIST' && options.subscribed && options.recursiveMatch && !entry.subscribed,
      }),
    );
    const selectable = !entry.attributes.some((a) => /^\\(noselect|nonexistent)$/i.test(a));
    if (options.returnStatus && selectable) {
      try {
        const status = await context.backend.status(user, entry.name, options.returnStatus);
        await context.untagged(statusLine(entry.name, options.returnStatus, status, utf8));
      } catch (error) {
        // RFC 5819 §2: a mailbox whose status cannot be read is listed without STATUS.
        if (!(error instanceof ImapBackendError)) throw error;
      }
    }
  }
}
