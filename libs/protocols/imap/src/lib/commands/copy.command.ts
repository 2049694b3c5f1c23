// copy = "COPY" SP sequence-set SP mailbox — RFC 3501 §6.4.7 (UID COPY §6.4.8), COPYUID (RFC 4315 §3).
import { ImapBackendError, type CopyResult } from '../backend/imap-backend';
import { mailboxArgument } from '../mailbox/mailbox-name';
import { formatSequenceSet } from '../parser/sequence-set';
import { announceExpunged, messageSetUids, selectedMailbox } from '../session/selected-mailbox';
import { no, ok, type CommandContext, type CommandResult, type ImapCommandDefinition } from './imap-command';

/** COPYUID uidvalidity source-uids target-uids, in the order the backend paired them (RFC 4315 §3). */
function copyUid(result: CopyResult): string | undefined {
  if (result.sourceUids.length === 0) return undefined;
  const pairs = result.sourceUids.map((source, i) => [source, result.targetUids[i]] as const);
  pairs.sort((a, b) => a[0] - b[0]);
  const sources = formatSequenceSet(pairs.map((p) => p[0]));
  // Target UIDs keep the pairing with sources; they are ascending when assigned in source order.
  const targets = pairs.map((p) => p[1]);
  const ascending = targets.every((t, i) => i === 0 || t > targets[i - 1]);
  return `COPYUID ${result.uidValidity} ${sources} ${ascending ? formatSequenceSet(targets) : targets.join(',')}`;
}

/** COPY and MOVE share everything up to the expunge of the sources. */
export async function copyOrMove(
  context: CommandContext,
  setText: string,
  target: string,
  uidMode: boolean,
  move: boolean,
): Promise<CommandResult> {
  const { user, view } = selectedMailbox(context);
  const verb = `${uidMode ? 'UID ' : ''}${move ? 'MOVE' : 'COPY'}`;
  if (move && view.readOnly) return no('Mailbox is read-only', 'READ-ONLY');
  const uids = messageSetUids(view, setText, uidMode);
  let result: CopyResult;
  try {
    result = await context.backend.copyMessages(user, view.handle, uids, target, move);
  } catch (error) {
    // RFC 3501 §6.4.7: a missing target is NO [TRYCREATE], so that the client may CREATE and retry.
    if (error instanceof ImapBackendError && error.code === 'NONEXISTENT') {
      return no('Target mailbox does not exist', 'TRYCREATE');
    }
    throw error;
  }
  const code = copyUid(result);
  if (!move) return ok(`${verb} completed`, code);
  // RFC 6851 §4.3: COPYUID goes in an untagged OK before the expunges, which the client then applies.
  if (code) await context.untagged(`OK [${code}] Moved`);
  await announceExpunged(context, view, result.sourceUids);
  return ok(`${verb} completed`);
}

export const copyCommand: ImapCommandDefinition = {
  names: ['COPY'],
  states: ['selected'],
  uid: true,
  async handle(context, args, command) {
    const setText = args.atom();
    const target = mailboxArgument(args, context.enabled);
    args.end();
    return copyOrMove(context, setText, target, command.uid, false);
  },
};
