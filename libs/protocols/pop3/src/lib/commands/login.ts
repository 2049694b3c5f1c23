import type { Pop3AuthResult } from '../backend/pop3-backend';
import { err, ok } from '../responses/pop3-response';
import { authorization } from '../session/session-state';
import type { CommandContext } from './pop3-command';

/** RFC 2595 §2.2: a server may refuse passwords in clear; then the client must STLS first. */
export function plaintextRefusal<P>(ctx: CommandContext<P>): string | null {
  if (ctx.info.secure || ctx.settings.allowPlaintextAuth) return null;
  return err('Plaintext authentication is not allowed here: use STLS or port 995 first', 'AUTH');
}

/**
 * After PASS, AUTH or APOP: answer the backend's verdict and, on success, lock the maildrop and enter
 * TRANSACTION (RFC 1939 §4). A refusal leaves the session in AUTHORIZATION so the client may try again.
 */
export async function completeLogin<P>(ctx: CommandContext<P>, user: string, result: Pop3AuthResult<P>): Promise<void> {
  switch (result.kind) {
    case 'wrong-credentials':
      ctx.state = authorization();
      ctx.write(err('Authentication failed: wrong user name or password', 'AUTH'));
      return;
    case 'disabled':
      ctx.state = authorization();
      ctx.write(err(result.message, 'AUTH'));
      return;
    case 'throttled':
      ctx.state = authorization();
      ctx.write(err(result.message, 'SYS/TEMP'));
      return;
    case 'ok':
      break;
  }
  const opened = await ctx.backend.openMaildrop(result.principal, ctx.info);
  switch (opened.kind) {
    case 'in-use':
      ctx.state = authorization();
      ctx.write(err(opened.message, 'IN-USE'));
      return;
    case 'unavailable':
      ctx.state = authorization();
      ctx.write(err(opened.message, 'SYS/TEMP'));
      return;
    case 'ok':
      break;
  }
  const { maildrop } = opened;
  ctx.state = { kind: 'transaction', principal: result.principal, user, maildrop, deleted: new Set() };
  const octets = maildrop.messages.reduce((sum, m) => sum + m.size, 0);
  ctx.write(ok(`${user}'s maildrop has ${maildrop.messages.length} messages (${octets} octets)`));
}
