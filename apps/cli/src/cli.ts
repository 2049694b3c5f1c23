import { Command, CommanderError } from 'commander';
import { CliError, ExitCode, formatError } from './cli-error';
import type { CliRuntime } from './cli-runtime';
import { registerAuditCommands } from './commands/audit.command';
import { registerAuthCommands } from './commands/auth.command';
import { CommandContext } from './commands/command-context';
import { registerContactCommands } from './commands/contact.command';
import { registerDomainCommands } from './commands/domain.command';
import { registerGroupCommands } from './commands/group.command';
import { registerMailboxCommands } from './commands/mailbox.command';
import { registerOrgCommands } from './commands/org.command';
import { registerOuCommands } from './commands/ou.command';
import { registerPolicyCommands } from './commands/policy.command';
import { registerQueueCommands } from './commands/queue.command';
import { registerServerCommands } from './commands/server.command';
import { registerStoreCommands } from './commands/store.command';
import { registerStoreMountCommands } from './commands/store-mount.command';
import { registerTrackCommands } from './commands/track.command';
import { registerUserCommands } from './commands/user.command';

/**
 * The whole command tree. Options are positional: `user add bob --password P`
 * sets Bob's password, while `estafette --user admin --password Q user add …`
 * (options before the command name) are the caller's credentials.
 */
export function buildProgram(runtime: CliRuntime): Command {
  const program = new Command('estafette');
  // Set before any subcommand exists: subcommands copy these settings from their parent.
  program
    .description('administer an Estafette server through its REST API')
    .version(runtime.version, '-V, --version')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => runtime.stdout(text),
      writeErr: (text) => runtime.stderr(text),
      // One line, like every other error: commander's "(Did you mean …?)" joins the message.
      outputError: (text, write) =>
        write(`estafette: ${text.replace(/^error: /, '').replace(/\n(?=\(Did you mean)/, ' ')}`),
    })
    .option(
      '--url <url>',
      'server URL (default: $ESTAFETTE_URL, else the server of estafette login, else http://localhost:8080)',
    )
    .option('--user <name>', 'sign in as this user for this command only (default: $ESTAFETTE_USER)')
    .option('--password <password>', 'password of --user (default: $ESTAFETTE_PASSWORD, else asked)')
    .option('--json', 'print results as JSON');
  const ctx = new CommandContext(runtime, program);
  registerAuthCommands(program, ctx);
  registerOrgCommands(program, ctx);
  registerUserCommands(program, ctx);
  registerContactCommands(program, ctx);
  registerGroupCommands(program, ctx);
  registerOuCommands(program, ctx);
  registerDomainCommands(program, ctx);
  registerPolicyCommands(program, ctx);
  registerServerCommands(program, ctx);
  registerStoreCommands(program, ctx);
  registerStoreMountCommands(program, ctx);
  registerMailboxCommands(program, ctx);
  registerQueueCommands(program, ctx);
  registerTrackCommands(program, ctx);
  registerAuditCommands(program, ctx);
  return program;
}

/** Runs one command line and returns the exit code; every error ends as one line on stderr. */
export async function runCli(argv: readonly string[], runtime: CliRuntime): Promise<number> {
  try {
    await buildProgram(runtime).parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    // Commander has already printed its message (or the help that --help asked for).
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    runtime.stderr(formatError(error));
    if (!(error instanceof CliError) && runtime.env['ESTAFETTE_DEBUG'] && error instanceof Error && error.stack) {
      runtime.stderr(`${error.stack}\n`);
    }
    return error instanceof CliError ? error.exitCode : ExitCode.failure;
  }
}
