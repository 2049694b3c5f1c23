import { appendCommand } from './append.command';
import { checkCommand } from './check.command';
import { closeCommand } from './close.command';
import { copyCommand } from './copy.command';
import { expungeCommand } from './expunge.command';
import { fetchCommand } from './fetch.command';
import { idleCommand } from './idle.command';
import type { ImapCommandDefinition } from './imap-command';
import { moveCommand } from './move.command';
import { selectCommand } from './select.command';
import { storeCommand } from './store.command';
import { unselectCommand } from './unselect.command';

/** Selecting mailboxes and working with their messages (RFC 3501 §6.3.1-2, §6.3.11, §6.4; UIDPLUS, MOVE, CONDSTORE, IDLE). */
export const MESSAGE_COMMANDS: readonly ImapCommandDefinition[] = [
  selectCommand,
  fetchCommand,
  storeCommand,
  copyCommand,
  moveCommand,
  expungeCommand,
  closeCommand,
  unselectCommand,
  checkCommand,
  appendCommand,
  idleCommand,
];
