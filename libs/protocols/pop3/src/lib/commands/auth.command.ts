import { err, multiline, ok } from '../responses/pop3-response';
import { completeLogin, plaintextRefusal } from './login';
import type { CommandContext, Pop3Command } from './pop3-command';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** RFC 5034 §4: "=" is an empty initial response; anything else must be base64. */
function decode(text: string): Buffer | null {
  if (text === '=') return Buffer.alloc(0);
  return BASE64.test(text) ? Buffer.from(text, 'base64') : null;
}

type Refusal = { error: string };
const refused = (value: Buffer | Refusal): value is Refusal => !Buffer.isBuffer(value);

type Credentials = { user: string; password: string } | Refusal;

/** RFC 4616: [authzid] NUL authcid NUL passwd; acting for someone else (authzid) is not supported. */
function parsePlain(message: Buffer): Credentials {
  const parts = message.toString('utf8').split('\0');
  if (parts.length !== 3 || parts[1] === '') return { error: err('Invalid PLAIN response', 'AUTH') };
  const [authzid, user, password] = parts;
  if (authzid !== '' && authzid !== user)
    return { error: err('Logging in as another user (authorization identity) is not supported', 'AUTH') };
  return { user, password };
}

/** The client's next base64 line after "+ challenge"; "*" cancels (RFC 5034 §4). */
async function response<P>(ctx: CommandContext<P>, challenge: string): Promise<Buffer | Refusal> {
  const line = await ctx.continuation(challenge);
  if (line === null) return { error: '' };
  if (line.trim() === '*') return { error: err('Authentication cancelled') };
  return decode(line.trim()) ?? { error: err('Invalid base64 in the SASL response') };
}

async function plain<P>(ctx: CommandContext<P>, initial: string | undefined): Promise<Credentials> {
  const message = initial === undefined ? await response(ctx, '') : decode(initial);
  if (message === null) return { error: err('Invalid base64 in the initial response') };
  if (refused(message)) return message;
  return parsePlain(message);
}

/** The LOGIN mechanism (draft-murchison-sasl-login): user name, then password, each base64. */
async function login<P>(ctx: CommandContext<P>, initial: string | undefined): Promise<Credentials> {
  const user = initial === undefined ? await response(ctx, 'VXNlcm5hbWU6') : decode(initial);
  if (user === null) return { error: err('Invalid base64 in the initial response') };
  if (refused(user)) return user;
  const password = await response(ctx, 'UGFzc3dvcmQ6');
  if (refused(password)) return password;
  return { user: user.toString('utf8'), password: password.toString('utf8') };
}

/**
 * auth = "AUTH" SP sasl-mech [SP initial-response] (RFC 5034 §4), with PLAIN (RFC 4616) and LOGIN.
 * "AUTH" alone lists the mechanisms, as RFC 1734 clients expect.
 */
export const authCommand: Pop3Command = {
  name: 'AUTH',
  states: ['authorization'],
  async run<P>(ctx: CommandContext<P>, args: string): Promise<void> {
    const mechanisms = ctx.settings.mechanisms;
    const refusal = plaintextRefusal(ctx);
    if (args.trim() === '') {
      return ctx.write(multiline(ok('Supported mechanisms follow'), refusal ? [] : mechanisms));
    }
    const [name, initial, extra] = args.trim().split(' ');
    const mechanism = mechanisms.find((m) => m === name.toUpperCase());
    if (!mechanism || extra !== undefined) return ctx.write(err(`Unsupported authentication mechanism ${name}`));
    if (refusal) return ctx.write(refusal);
    const credentials = mechanism === 'PLAIN' ? await plain(ctx, initial) : await login(ctx, initial);
    if ('error' in credentials) {
      if (credentials.error) ctx.write(credentials.error);
      return;
    }
    await completeLogin(
      ctx,
      credentials.user,
      await ctx.backend.authenticate(credentials.user, credentials.password, ctx.info),
    );
  },
};
