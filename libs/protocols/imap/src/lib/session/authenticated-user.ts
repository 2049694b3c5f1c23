import type { ImapUser } from '../backend/imap-backend';
import type { CommandContext } from '../commands/imap-command';
import { ImapSyntaxError } from '../parser/imap-value';

/** The logged-in user (authenticated or selected state); commands registered for those states rely on it. */
export function authenticatedUser(context: CommandContext): ImapUser {
  const state = context.state;
  if (state.kind !== 'authenticated' && state.kind !== 'selected') throw new ImapSyntaxError('Not logged in');
  return state.user;
}

/** UTF8=ACCEPT is enabled (RFC 6855 §3): names and strings go out as raw UTF-8. */
export function utf8Enabled(context: CommandContext): boolean {
  return context.enabled.has('UTF8=ACCEPT');
}
