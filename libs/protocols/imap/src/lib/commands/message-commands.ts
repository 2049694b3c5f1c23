import { fetchCommand } from './fetch.command';
import type { ImapCommandDefinition } from './imap-command';
import { selectCommand } from './select.command';

/** Selecting mailboxes and working with their messages (RFC 3501 §6.3.1-2, §6.4; UIDPLUS, MOVE, CONDSTORE, IDLE). */
export const MESSAGE_COMMANDS: readonly ImapCommandDefinition[] = [selectCommand, fetchCommand];
