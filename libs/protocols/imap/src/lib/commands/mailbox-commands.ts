import { aclCommand } from './acl.command';
import { compressCommand } from './compress.command';
import { createCommand } from './create.command';
import { deleteCommand } from './delete.command';
import { quotaCommand } from './getquota.command';
import type { ImapCommandDefinition } from './imap-command';
import { listCommand } from './list.command';
import { lsubCommand } from './lsub.command';
import { namespaceCommand } from './namespace.command';
import { renameCommand } from './rename.command';
import { searchCommand } from './search.command';
import { sortCommand } from './sort.command';
import { statusCommand } from './status.command';
import { subscribeCommand } from './subscribe.command';
import { threadCommand } from './thread.command';

/**
 * The mailbox-level commands (RFC 3501 §6.3 without SELECT/EXAMINE/APPEND), SEARCH/SORT/THREAD, quota,
 * ACL, COMPRESS and their extensions; DEFAULT_COMMANDS spreads this list.
 */
export const MAILBOX_COMMANDS: readonly ImapCommandDefinition[] = [
  listCommand,
  lsubCommand,
  createCommand,
  deleteCommand,
  renameCommand,
  subscribeCommand,
  statusCommand,
  namespaceCommand,
  searchCommand,
  sortCommand,
  threadCommand,
  quotaCommand,
  aclCommand,
  compressCommand,
];
