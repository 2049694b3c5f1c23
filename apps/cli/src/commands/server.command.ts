import type { Command } from 'commander';
import type { ServerDto } from '@estafette/contracts';
import { namesById } from '../lookups/named-lookup';
import type { Column } from '../output/table';
import type { CommandContext } from './command-context';

/** server list: the Server objects of the organisation (each running process registers one). */
export function registerServerCommands(program: Command, ctx: CommandContext): void {
  const server = program.command('server').description('servers of the organisation');

  ctx
    .common(server.command('list').description('list servers (GET /api/servers)'))
    .action(async (_options: unknown, command: Command) => {
      const out = ctx.output(command);
      const [servers, adminGroups, routingGroups] = await ctx.withApi(command, async (api) => {
        const list = await api.get<ServerDto[]>('/api/servers');
        if (out.json) return [list, new Map<string, string>(), new Map<string, string>()] as const;
        return [
          list,
          await namesById(api, '/api/administrative-groups'),
          await namesById(api, '/api/routing-groups'),
        ] as const;
      });
      const columns: ReadonlyArray<Column<ServerDto>> = [
        { header: 'Name', value: (s) => s.name },
        {
          header: 'Administrative group',
          value: (s) => adminGroups.get(s.administrativeGroupId) ?? s.administrativeGroupId,
        },
        { header: 'Routing group', value: (s) => routingGroups.get(s.routingGroupId) ?? s.routingGroupId },
        { header: 'Version', value: (s) => s.version },
        { header: 'Last started', value: (s) => s.lastStartedAt },
        { header: 'ID', value: (s) => s.id },
      ];
      out.list(servers, servers, columns, 'no servers');
    });
}
