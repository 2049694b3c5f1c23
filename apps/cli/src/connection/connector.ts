import { ApiClient, normaliseServerUrl } from '../api-client';
import { ApiError, CliError, ExitCode } from '../cli-error';
import type { CliRuntime } from '../cli-runtime';
import { CredentialsStore, configDirectory, type StoredCredentials } from './credentials-store';

export const DEFAULT_SERVER_URL = 'http://localhost:8080';

/** Connection settings from the command line; the environment and the credentials file fill the gaps. */
export interface ConnectionFlags {
  url?: string;
  user?: string;
  password?: string;
}

/** An API client for one command. */
export interface Connection {
  client: ApiClient;
  /** Revokes a token obtained for this command only; a stored token stays valid. */
  close(): Promise<void>;
}

export interface SignIn {
  client: ApiClient;
  username: string;
  token: string;
  expiresAt: string | null;
}

/**
 * Decides which server and which credentials a command uses:
 * --url, then ESTAFETTE_URL, then the server of `estafette login`, then localhost:8080;
 * --user/--password (or ESTAFETTE_USER/ESTAFETTE_PASSWORD) sign in for this command,
 * otherwise the token stored by `estafette login` for that server.
 */
export class Connector {
  readonly store: CredentialsStore;

  constructor(private readonly runtime: CliRuntime) {
    this.store = new CredentialsStore(configDirectory(runtime.env, runtime.homeDir));
  }

  serverUrl(flags: ConnectionFlags, stored: StoredCredentials | null = this.store.read()): string {
    const raw = flags.url ?? nonEmpty(this.runtime.env['ESTAFETTE_URL']) ?? stored?.url ?? DEFAULT_SERVER_URL;
    return normaliseServerUrl(raw);
  }

  client(url: string, token: string | null = null): ApiClient {
    return new ApiClient(url, token, this.runtime.fetch);
  }

  /** The user name of --user or ESTAFETTE_USER, if any. */
  userName(flags: ConnectionFlags): string | undefined {
    return flags.user ?? nonEmpty(this.runtime.env['ESTAFETTE_USER']);
  }

  /** The password of --password or ESTAFETTE_PASSWORD, else asked on the terminal. */
  async password(flags: ConnectionFlags, username: string): Promise<string> {
    const given = flags.password ?? nonEmpty(this.runtime.env['ESTAFETTE_PASSWORD']);
    if (given !== undefined) return given;
    if (this.runtime.prompts) return this.runtime.prompts.secret(`Password for ${username}: `);
    throw new CliError(`no password for ${username}: pass --password or set ESTAFETTE_PASSWORD`, ExitCode.usage);
  }

  async signIn(url: string, username: string, password: string): Promise<SignIn> {
    const anonymous = this.client(url);
    const issued = await anonymous.issueToken(username, password);
    return { client: anonymous.withToken(issued.token), username, token: issued.token, expiresAt: issued.expiresAt };
  }

  async open(flags: ConnectionFlags): Promise<Connection> {
    const stored = this.store.read();
    const url = this.serverUrl(flags, stored);
    const username = this.userName(flags);
    if (username !== undefined) {
      const signedIn = await this.signIn(url, username, await this.password(flags, username));
      return {
        client: signedIn.client,
        close: async () => {
          await revokeQuietly(signedIn.client);
        },
      };
    }
    if (flags.password !== undefined) {
      throw new CliError('--password needs a user name: add --user or set ESTAFETTE_USER', ExitCode.usage);
    }
    if (stored && normaliseServerUrl(stored.url) === url) {
      return { client: this.client(url, stored.token), close: async () => undefined };
    }
    throw new CliError(
      stored
        ? `not signed in to ${url} (signed in to ${stored.url}): run estafette login`
        : 'not signed in: run estafette login',
      ExitCode.auth,
    );
  }
}

/** How POST /api/auth/logout went: a refused token was already invalid; an unreachable server leaves it valid until it expires. */
export type RevokeOutcome = 'revoked' | 'already-invalid' | 'unreachable';

/** POST /api/auth/logout, never throwing: signing out must work whatever the server says. */
export async function revokeQuietly(client: ApiClient): Promise<RevokeOutcome> {
  try {
    await client.post('/api/auth/logout');
    return 'revoked';
  } catch (error) {
    return error instanceof ApiError ? 'already-invalid' : 'unreachable';
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
