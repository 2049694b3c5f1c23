import { authenticateCommand } from './authenticate.command';
import { capabilityCommand } from './capability.command';
import { CommandRegistry } from './command-registry';
import { enableCommand } from './enable.command';
import { idCommand } from './id.command';
import type { ImapCommandDefinition } from './imap-command';
import { loginCommand } from './login.command';
import { logoutCommand } from './logout.command';
import { MAILBOX_COMMANDS } from './mailbox-commands';
import { MESSAGE_COMMANDS } from './message-commands';
import { noopCommand } from './noop.command';
import { starttlsCommand } from './starttls.command';

/** Every command the server speaks. Add new command definitions here. */
export const DEFAULT_COMMANDS: readonly ImapCommandDefinition[] = [
  capabilityCommand,
  noopCommand,
  logoutCommand,
  starttlsCommand,
  loginCommand,
  authenticateCommand,
  idCommand,
  ...MAILBOX_COMMANDS,
  ...MESSAGE_COMMANDS,
];

/** The registry of DEFAULT_COMMANDS plus ENABLE, which needs the registry to know what is enableable. */
export function createDefaultRegistry(extra: readonly ImapCommandDefinition[] = []): CommandRegistry {
  const holder: { registry?: CommandRegistry } = {};
  const enable = enableCommand(() => holder.registry?.enableable() ?? new Set());
  holder.registry = new CommandRegistry([...DEFAULT_COMMANDS, ...extra, enable]);
  return holder.registry;
}
