import { InvalidArgumentError, type Command } from 'commander';
import type { ApiClient } from '../api-client';
import type { CliRuntime } from '../cli-runtime';
import { Connector, type ConnectionFlags } from '../connection/connector';
import { Output } from '../output/output';

interface CommonOptionValues {
  url?: string;
  user?: string;
  password?: string;
  json?: boolean;
}

/**
 * What every command needs: its connection flags (the command's own, then
 * those given before the command name), an API client, and an Output.
 */
export class CommandContext {
  readonly connector: Connector;
  /** Commands whose --password is the password of --user (not, as in `user add`, a new password). */
  private readonly connectionPasswords = new WeakSet<Command>();

  constructor(
    readonly runtime: CliRuntime,
    private readonly program: Command,
  ) {
    this.connector = new Connector(runtime);
  }

  /**
   * Adds --url, --user, --password and --json to a command. Options are positional
   * (see cli.ts), so each command declares its own; `passwordFlag: false` leaves
   * --password to the command.
   */
  common(command: Command, { passwordFlag = true }: { passwordFlag?: boolean } = {}): Command {
    command
      .option(
        '--url <url>',
        'server URL (default: $ESTAFETTE_URL, else the server of estafette login, else http://localhost:8080)',
      )
      .option('--user <name>', 'sign in as this user for this command only (default: $ESTAFETTE_USER)');
    if (passwordFlag) {
      command.option('--password <password>', 'password of --user (default: $ESTAFETTE_PASSWORD, else asked)');
      this.connectionPasswords.add(command);
    }
    return command.option('--json', 'print the result as JSON');
  }

  flags(command: Command): ConnectionFlags {
    const global = this.program.opts<CommonOptionValues>();
    const own = command.opts<CommonOptionValues>();
    return {
      url: own.url ?? global.url,
      user: own.user ?? global.user,
      password: (this.connectionPasswords.has(command) ? own.password : undefined) ?? global.password,
    };
  }

  output(command: Command): Output {
    const json = Boolean(command.opts<CommonOptionValues>().json ?? this.program.opts<CommonOptionValues>().json);
    return new Output(this.runtime, json);
  }

  /** Runs `work` with a signed-in client, then revokes a token that was obtained for this command only. */
  async withApi<T>(command: Command, work: (api: ApiClient) => Promise<T>): Promise<T> {
    const connection = await this.connector.open(this.flags(command));
    try {
      return await work(connection.client);
    } finally {
      await connection.close();
    }
  }
}

/** Commander argument parser for counts and limits. */
export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected a whole number of at least 1');
  }
  return n;
}
