import type { ImapCredentials } from '../backend/imap-backend';
import { no, ok, type CommandContext, type CommandResult } from './imap-command';

/** Whether credentials may be sent on this connection (RFC 3501 §6.2.3, RFC 8314 §5.1 prefer TLS). */
export function authAllowed(context: CommandContext): boolean {
  return context.client.secure || context.options.allowPlaintextAuth;
}

export const PRIVACY_REQUIRED: CommandResult = no('Log in over TLS (STARTTLS or port 993)', 'PRIVACYREQUIRED');

/**
 * Shared end of LOGIN and AUTHENTICATE: asks the backend, moves to the authenticated state, and maps
 * refusals to RFC 5530 response codes. After maxAuthFailures failures the connection is closed.
 */
export async function completeLogin(context: CommandContext, credentials: ImapCredentials): Promise<CommandResult> {
  const result = await context.backend.authenticate(credentials, context.client);
  if (result.kind === 'ok') {
    context.setState({ kind: 'authenticated', user: result.user });
    context.authFailures = 0;
    // RFC 3501 §7.1: a CAPABILITY code saves the client a round trip; capabilities change after login.
    return ok('Logged in', ['CAPABILITY', ...context.capabilities()].join(' '));
  }
  let refusal: CommandResult;
  if (result.kind === 'protocol-disabled') refusal = no(result.message, 'CONTACTADMIN');
  else if (result.kind === 'throttled') refusal = no('Too many failed logins; try again later', 'UNAVAILABLE');
  else refusal = no('Invalid credentials', 'AUTHENTICATIONFAILED');
  if (result.kind === 'protocol-disabled') return refusal;
  context.authFailures++;
  if (context.authFailures < context.options.maxAuthFailures) return refusal;
  return { ...refusal, after: () => context.bye('Too many failed logins') };
}
