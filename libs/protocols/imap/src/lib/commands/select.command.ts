// select  = "SELECT" SP mailbox [SP "(" select-param *(SP select-param) ")"]
// examine = "EXAMINE" SP mailbox [...]  — RFC 3501 §6.3.1, §6.3.2; select-param CONDSTORE (RFC 7162
// §3.1.8) and QRESYNC (uidvalidity modseq [known-uids [seq-match-data]]) (RFC 7162 §3.2.5).
import type { ImapUser, MailboxSnapshot } from '../backend/imap-backend';
import { mailboxArgument } from '../mailbox/mailbox-name';
import { ImapSyntaxError, type ImapValue } from '../parser/imap-value';
import { formatSequenceSet, parseSequenceSet, resolveUids } from '../parser/sequence-set';
import { condstoreEnabled, enableCondstore } from '../session/selected-mailbox';
import { mailboxViewFromSnapshot } from '../session/session-state';
import { AUTHENTICATED_STATES, ok, type CommandContext, type ImapCommandDefinition } from './imap-command';

/** The QRESYNC select parameter: what the client remembers of the mailbox. */
interface QresyncParameter {
  readonly uidValidity: number;
  readonly modseq: bigint;
  readonly knownUids: string | null;
}

export const selectCommand: ImapCommandDefinition = {
  names: ['SELECT', 'EXAMINE'],
  states: AUTHENTICATED_STATES,
  capabilities: (s) => (s.state === 'not-authenticated' ? [] : ['CONDSTORE', 'QRESYNC']),
  enableable: ['CONDSTORE', 'QRESYNC'],
  async handle(context, args, command) {
    const name = mailboxArgument(args, context.enabled);
    const params = args.remaining > 0 ? parseSelectParams(args.list(), context) : { condstore: false, qresync: null };
    args.end();
    const previous = context.state;
    if (previous.kind === 'selected') {
      // RFC 3501 §6.3.1: the current mailbox is closed (without expunge) whether or not this one opens;
      // RFC 7162 §3.2.11: say so with [CLOSED] so that the client can tell old responses from new.
      context.setState({ kind: 'authenticated', user: previous.user });
      await context.untagged('OK [CLOSED] Previous mailbox closed');
    }
    const user = previous.kind === 'selected' || previous.kind === 'authenticated' ? previous.user : null;
    if (!user) throw new ImapSyntaxError('Not authenticated');
    if (params.condstore) enableCondstore(context);
    const snapshot = await context.backend.openMailbox(user, name, { readOnly: command.name === 'EXAMINE' });
    const view = mailboxViewFromSnapshot(snapshot);
    await writeSelectResponses(context, snapshot);
    if (params.qresync) await resynchronise(context, user, snapshot, params.qresync);
    context.setState({ kind: 'selected', user, mailbox: view });
    return ok(`${command.name} completed`, snapshot.readOnly ? 'READ-ONLY' : 'READ-WRITE');
  },
};

function parseSelectParams(
  items: readonly ImapValue[],
  context: CommandContext,
): { condstore: boolean; qresync: QresyncParameter | null } {
  let condstore = false;
  let qresync: QresyncParameter | null = null;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const word = item.kind === 'atom' ? item.value.toUpperCase() : '';
    if (word === 'CONDSTORE') {
      condstore = true;
    } else if (word === 'QRESYNC') {
      // RFC 7162 §3.2.5: QRESYNC is only valid once enabled.
      if (!context.enabled.has('QRESYNC')) throw new ImapSyntaxError('QRESYNC is not enabled');
      const value = items[++i];
      if (value?.kind !== 'list') throw new ImapSyntaxError('QRESYNC expects a parenthesised list');
      qresync = parseQresync(value.items);
    } else {
      throw new ImapSyntaxError('Unknown SELECT parameter');
    }
  }
  return { condstore, qresync };
}

function atomText(value: ImapValue | undefined, what: string): string {
  if (value?.kind !== 'atom') throw new ImapSyntaxError(`QRESYNC: expected ${what}`);
  return value.value;
}

function parseQresync(items: readonly ImapValue[]): QresyncParameter {
  const uidValidity = atomText(items[0], 'a UIDVALIDITY');
  const modseq = atomText(items[1], 'a mod-sequence');
  if (!/^[1-9]\d{0,9}$/.test(uidValidity) || !/^[1-9]\d{0,19}$/.test(modseq)) {
    throw new ImapSyntaxError('QRESYNC: invalid UIDVALIDITY or mod-sequence');
  }
  let knownUids: string | null = null;
  let index = 2;
  if (items[index]?.kind === 'atom') {
    knownUids = atomText(items[index++], 'known UIDs');
    parseSequenceSet(knownUids);
  }
  // seq-match-data (known sequence numbers and their UIDs) only helps servers without full expunge
  // history; the backend reports vanished UIDs itself, so it is validated and otherwise unused.
  const match = items[index];
  if (match) {
    if (match.kind !== 'list' || match.items.length !== 2) throw new ImapSyntaxError('QRESYNC: invalid seq-match-data');
    parseSequenceSet(atomText(match.items[0], 'sequence numbers'));
    parseSequenceSet(atomText(match.items[1], 'UIDs'));
    index++;
  }
  if (index !== items.length) throw new ImapSyntaxError('QRESYNC: too many values');
  return { uidValidity: Number(uidValidity), modseq: BigInt(modseq), knownUids };
}

/** RFC 3501 §6.3.1 required responses, plus HIGHESTMODSEQ / NOMODSEQ (RFC 7162 §3.1.2). */
async function writeSelectResponses(context: CommandContext, snapshot: MailboxSnapshot): Promise<void> {
  await context.untagged(`FLAGS (${snapshot.flags.join(' ')})`);
  const permanent = snapshot.readOnly ? [] : snapshot.permanentFlags;
  await context.untagged(`OK [PERMANENTFLAGS (${permanent.join(' ')})] Flags permitted`);
  await context.untagged(`${snapshot.messages.length} EXISTS`);
  await context.untagged(`${snapshot.recent} RECENT`);
  const firstUnseen = snapshot.messages.findIndex((m) => m.flags !== undefined && !m.flags.includes('\\Seen'));
  if (firstUnseen >= 0) await context.untagged(`OK [UNSEEN ${firstUnseen + 1}] First unseen message`);
  await context.untagged(`OK [UIDVALIDITY ${snapshot.uidValidity}] UIDs valid`);
  await context.untagged(`OK [UIDNEXT ${snapshot.uidNext}] Predicted next UID`);
  if (snapshot.highestModseq > 0n) {
    await context.untagged(`OK [HIGHESTMODSEQ ${snapshot.highestModseq}] Highest mod-sequence`);
  } else {
    await context.untagged('OK [NOMODSEQ] No persistent mod-sequences');
  }
}

/**
 * RFC 7162 §3.2.5: with a matching UIDVALIDITY, report what changed since the client's modseq: the
 * vanished UIDs among those it knows as VANISHED (EARLIER), then FETCH UID FLAGS MODSEQ for changed ones.
 */
async function resynchronise(
  context: CommandContext,
  user: ImapUser,
  snapshot: MailboxSnapshot,
  param: QresyncParameter,
): Promise<void> {
  if (param.uidValidity !== snapshot.uidValidity || snapshot.highestModseq === 0n) return;
  const changes = await context.backend.changesSince(user, snapshot.handle, param.modseq);
  const known = param.knownUids ? parseSequenceSet(param.knownUids) : null;
  const vanished = known
    ? changes.vanished.filter((uid) => resolveUids(known, [uid]).length > 0)
    : [...changes.vanished];
  if (vanished.length > 0) {
    await context.untagged(`VANISHED (EARLIER) ${formatSequenceSet([...new Set(vanished)].sort((a, b) => a - b))}`);
  }
  const sequence = new Map(snapshot.messages.map((m, i) => [m.uid, i + 1]));
  const condstore = condstoreEnabled(context.enabled);
  for (const change of [...changes.changed].sort((a, b) => a.uid - b.uid)) {
    const n = sequence.get(change.uid);
    if (!n) continue;
    const modseq = condstore ? ` MODSEQ (${change.modseq})` : '';
    await context.untagged(`${n} FETCH (UID ${change.uid} FLAGS (${change.flags.join(' ')})${modseq})`);
  }
}
