import type { Command } from 'commander';
import type { InformationStoreDto } from '@estafette/contracts';
import { CliError } from '../cli-error';
import { pickByNameOrId } from '../lookups/named-lookup';
import { listStores } from '../lookups/topology-lookup';
import type { CommandContext } from './command-context';

/**
 * store mount|dismount STORE: brings an information store online or takes it offline. Its mailboxes
 * answer with temporary errors while it is dismounted, and mail for them waits in the queue.
 */
export function registerStoreMountCommands(program: Command, ctx: CommandContext): void {
  const store = program.commands.find((c) => c.name() === 'store');
  if (!store) throw new Error('register the store command before store mount/dismount');

  const verb = (action: 'mount' | 'dismount', description: string) =>
    ctx
      .common(
        store
          .command(action)
          .argument('<store>', 'name or id of the store (estafette store list)')
          .description(description),
      )
      .action(async (ref: string, _options: unknown, command: Command) => {
        const out = ctx.output(command);
        const updated = await ctx.withApi(command, async (api) => {
          const target = pickByNameOrId(await listStores(api), ref, 'store', 'estafette store list');
          return api.post<InformationStoreDto>(`/api/stores/${encodeURIComponent(target.id)}/${action}`);
        });
        if (updated.mounted !== (action === 'mount'))
          throw new CliError(`the server did not ${action} ${updated.name}`);
        out.result(updated, (s) => `${s.name} is ${s.mounted ? 'mounted' : 'dismounted'}`);
      });
  verb('mount', 'mount a store: its mailboxes come back online (POST /api/stores/:id/mount)');
  verb('dismount', 'dismount a store: its mailboxes go offline, their mail waits (POST /api/stores/:id/dismount)');
}
