import { Option, type Command } from 'commander';
import type { InformationStoreDto, StoreKind } from '@estafette/contracts';
import { namesById } from '../lookups/named-lookup';
import { listStores } from '../lookups/topology-lookup';
import type { Column } from '../output/table';
import type { CommandContext } from './command-context';

/** store list: the information stores (mailbox and public folder stores) of every server. */
export function registerStoreCommands(program: Command, ctx: CommandContext): void {
  const store = program.command('store').description('information stores');

  ctx
    .common(
      store
        .command('list')
        .description('list information stores (GET /api/stores)')
        .addOption(new Option('--kind <kind>', 'only mailbox or public folder stores').choices(['mailbox', 'public'])),
    )
    .action(async (options: { kind?: StoreKind }, command: Command) => {
      const out = ctx.output(command);
      const [stores, servers] = await ctx.withApi(command, async (api) => {
        const list = await listStores(api, options.kind);
        return [list, out.json ? new Map<string, string>() : await namesById(api, '/api/servers')] as const;
      });
      const columns: ReadonlyArray<Column<InformationStoreDto>> = [
        { header: 'Name', value: (s) => s.name },
        { header: 'Kind', value: (s) => s.kind },
        { header: 'Server', value: (s) => servers.get(s.serverId) ?? s.serverId },
        { header: 'Mounted', value: (s) => s.mounted },
        { header: 'Mailboxes', value: (s) => s.mailboxCount, align: 'right' },
        { header: 'Warning (KB)', value: (s) => s.issueWarningKb, align: 'right' },
        { header: 'Prohibit send (KB)', value: (s) => s.prohibitSendKb, align: 'right' },
        { header: 'ID', value: (s) => s.id },
      ];
      out.list(stores, stores, columns, 'no information stores');
    });
}
