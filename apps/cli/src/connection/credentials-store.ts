import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { CliError } from '../cli-error';

/** What `estafette login` keeps: a bearer token for one server, never the password. */
export interface StoredCredentials {
  url: string;
  token: string;
  username?: string;
  expiresAt?: string | null;
}

/** $XDG_CONFIG_HOME/estafette (the XDG base directory spec ignores a relative value), else ~/.config/estafette. */
export function configDirectory(env: Record<string, string | undefined>, homeDir: string): string {
  const xdg = env['XDG_CONFIG_HOME'];
  const base = xdg && isAbsolute(xdg) ? xdg : join(homeDir, '.config');
  return join(base, 'estafette');
}

function isStoredCredentials(value: unknown): value is StoredCredentials {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['url'] === 'string' && typeof record['token'] === 'string';
}

/** credentials.json, readable by its owner only (mode 0600 in a 0700 directory). */
export class CredentialsStore {
  readonly path: string;

  constructor(readonly directory: string) {
    this.path = join(directory, 'credentials.json');
  }

  read(): StoredCredentials | null {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new CliError(`cannot read ${this.path}: ${(error as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new CliError(`${this.path} is damaged: run estafette login again`);
    }
    if (!isStoredCredentials(parsed)) throw new CliError(`${this.path} is damaged: run estafette login again`);
    return parsed;
  }

  write(credentials: StoredCredentials): void {
    try {
      mkdirSync(this.directory, { recursive: true, mode: 0o700 });
      // Written beside the file and renamed over it, so a reader never sees half a file.
      const temporary = `${this.path}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
      // The mode given to writeFileSync only applies to a new file and is masked by the umask.
      chmodSync(temporary, 0o600);
      renameSync(temporary, this.path);
    } catch (error) {
      throw new CliError(`cannot write ${this.path}: ${(error as Error).message}`);
    }
  }

  /** Deletes the file; false when there was none. */
  remove(): boolean {
    try {
      rmSync(this.path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw new CliError(`cannot delete ${this.path}: ${(error as Error).message}`);
    }
  }
}
