// authenticate = "AUTHENTICATE" SP auth-type [SP (base64 / "=")] *(CRLF base64) — RFC 3501 §6.2.2,
// with the initial response of SASL-IR (RFC 4959). Mechanisms: PLAIN (RFC 4616) and LOGIN
// (draft-murchison-sasl-login), both only over TLS unless plaintext auth is allowed.
import type { ImapCredentials } from '../backend/imap-backend';
import { bad, no, type CommandContext, type ImapCommandDefinition } from './imap-command';
import { authAllowed, completeLogin, PRIVACY_REQUIRED } from './login-result';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Thrown when the client cancels with "*" or sends something that is not base64. */
class SaslAbort extends Error {}

function decode(text: string): Buffer {
  if (text === '=') return Buffer.alloc(0);
  if (text === '*') throw new SaslAbort('Authentication cancelled');
  if (!BASE64.test(text)) throw new SaslAbort('Invalid base64');
  return Buffer.from(text, 'base64');
}

/** One SASL round: a "+ challenge" continuation and the client's base64 answer. */
async function exchange(context: CommandContext, challenge: string): Promise<Buffer> {
  await context.continuation(Buffer.from(challenge).toString('base64'));
  const line = await context.readLine();
  if (line === null) throw new SaslAbort('Connection closed');
  return decode(line.toString('latin1').trim());
}

async function plain(context: CommandContext, initial: Buffer | null): Promise<ImapCredentials | null> {
  const message = initial ?? (await exchange(context, ''));
  const parts = message.toString('utf8').split('\0');
  if (parts.length !== 3 || !parts[1]) return null;
  const [authzid, username, password] = parts;
  return { username, password, authzid: authzid || undefined, mechanism: 'PLAIN' };
}

async function login(context: CommandContext, initial: Buffer | null): Promise<ImapCredentials | null> {
  const username = (initial ?? (await exchange(context, 'Username:'))).toString('utf8');
  const password = (await exchange(context, 'Password:')).toString('utf8');
  return username ? { username, password, mechanism: 'SASL-LOGIN' } : null;
}

const MECHANISMS: Record<string, typeof plain> = { PLAIN: plain, LOGIN: login };

export const authenticateCommand: ImapCommandDefinition = {
  names: ['AUTHENTICATE'],
  states: ['not-authenticated'],
  capabilities: (s) =>
    s.state !== 'not-authenticated'
      ? []
      : s.secure || s.plaintextAuth
        ? ['AUTH=PLAIN', 'AUTH=LOGIN', 'SASL-IR']
        : ['SASL-IR'],
  async handle(context, args) {
    const mechanism = args.atom().toUpperCase();
    const initialText = args.remaining > 0 ? args.atom() : null;
    args.end();
    const run = MECHANISMS[mechanism];
    if (!run) return no(`Unsupported mechanism ${mechanism}`, 'CANNOT');
    if (!authAllowed(context)) return PRIVACY_REQUIRED;
    try {
      const credentials = await run(context, initialText === null ? null : decode(initialText));
      if (!credentials) return bad('Malformed SASL message');
      return await completeLogin(context, credentials);
    } catch (error) {
      // RFC 3501 §6.2.2: a cancelled exchange ends with a tagged BAD.
      if (error instanceof SaslAbort) return bad(error.message);
      throw error;
    }
  },
};
