import type { Command } from 'commander';
import type { SessionDto } from '@estafette/contracts';
import { CliError, ExitCode } from '../cli-error';
import { revokeQuietly } from '../connection/connector';
import type { CommandContext } from './command-context';

/** login, logout, whoami: the bearer token kept in the credentials file. */
export function registerAuthCommands(program: Command, ctx: CommandContext): void {
  ctx
    .common(
      program
        .command('login')
        .description(
          'sign in and keep a token for later commands (in $XDG_CONFIG_HOME/estafette/credentials.json, mode 0600)',
        ),
    )
    .action(async (_options: unknown, command: Command) => {
      const flags = ctx.flags(command);
      const out = ctx.output(command);
      const stored = ctx.connector.store.read();
      const url = ctx.connector.serverUrl(flags, stored);
      let username = ctx.connector.userName(flags);
      if (username === undefined && ctx.runtime.prompts) username = await ctx.runtime.prompts.line('User name: ');
      if (!username) throw new CliError('no user name: pass --user or set ESTAFETTE_USER', ExitCode.usage);
      const signedIn = await ctx.connector.signIn(url, username, await ctx.connector.password(flags, username));
      ctx.connector.store.write({ url, token: signedIn.token, username, expiresAt: signedIn.expiresAt });
      // The token this one replaces would otherwise stay valid until it expires.
      if (stored && stored.token !== signedIn.token)
        await revokeQuietly(ctx.connector.client(stored.url, stored.token));
      out.result(
        { url, username, expiresAt: signedIn.expiresAt },
        () => `signed in to ${url} as ${username}${signedIn.expiresAt ? ` until ${signedIn.expiresAt}` : ''}`,
      );
    });

  program
    .command('logout')
    .description('revoke the stored token and delete the credentials file')
    .option('--json', 'print the result as JSON')
    .action(async (_options: unknown, command: Command) => {
      const out = ctx.output(command);
      const stored = ctx.connector.store.read();
      if (!stored) {
        out.result({ signedOut: false }, () => 'not signed in');
        return;
      }
      const outcome = await revokeQuietly(ctx.connector.client(stored.url, stored.token));
      ctx.connector.store.remove();
      if (outcome === 'unreachable')
        out.note(`could not reach ${stored.url} to revoke the token; it stays valid until it expires`);
      out.result(
        { signedOut: true, url: stored.url, tokenRevoked: outcome !== 'unreachable' },
        () => `signed out of ${stored.url}`,
      );
    });

  ctx
    .common(program.command('whoami').description('who the CLI is signed in as (GET /api/auth/session)'))
    .action(async (_options: unknown, command: Command) => {
      const out = ctx.output(command);
      const session = await ctx.withApi(command, (api) => api.get<SessionDto>('/api/auth/session'));
      out.properties(session, (s) => [
        ['Alias', s.alias],
        ['Display name', s.displayName],
        ['Roles', s.roles.map((r) => `${r.role} (${r.scopeType})`).join(', ')],
      ]);
    });
}
