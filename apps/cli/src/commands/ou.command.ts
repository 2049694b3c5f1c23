import type { Command } from 'commander';
import type { RecipientContainerDto } from '@estafette/contracts';
import { listContainers } from '../lookups/topology-lookup';
import type { Column } from '../output/table';
import type { CommandContext } from './command-context';

/** ou list: the recipient containers (organisational units) --ou options name. */
export function registerOuCommands(program: Command, ctx: CommandContext): void {
  const ou = program.command('ou').description('recipient containers (organisational units)');

  ctx
    .common(ou.command('list').description('list recipient containers (GET /api/recipient-containers)'))
    .action(async (_options: unknown, command: Command) => {
      const containers = await ctx.withApi(command, listContainers);
      const names = new Map(containers.map((c) => [c.id, c.name]));
      const columns: ReadonlyArray<Column<RecipientContainerDto>> = [
        { header: 'Name', value: (c) => c.name },
        { header: 'Parent', value: (c) => (c.parentId ? (names.get(c.parentId) ?? c.parentId) : null) },
        { header: 'Description', value: (c) => c.description },
        { header: 'ID', value: (c) => c.id },
      ];
      ctx.output(command).list(containers, containers, columns, 'no recipient containers');
    });
}
