import type { Command } from 'commander';
import type { AuditEntryDto } from '@estafette/contracts';
import type { Column } from '../output/table';
import { positiveInteger, type CommandContext } from './command-context';

const AUDIT_COLUMNS: ReadonlyArray<Column<AuditEntryDto>> = [
  { header: 'Time', value: (e) => e.at },
  { header: 'Actor', value: (e) => e.actorName },
  { header: 'Client', value: (e) => e.clientAddress },
  { header: 'Action', value: (e) => e.action },
  { header: 'Object type', value: (e) => e.objectType },
  { header: 'Object', value: (e) => e.objectName },
];

/** audit: the newest entries of the administrative audit log. */
export function registerAuditCommands(program: Command, ctx: CommandContext): void {
  ctx
    .common(
      program
        .command('audit')
        .description('show the newest entries of the audit log, newest first (GET /api/audit)')
        .option('--limit <n>', 'how many entries (the server allows up to 1000)', positiveInteger, 50)
        .option('--type <object type>', 'only changes to this kind of object (organization, recipient, …)'),
    )
    .action(async (options: { limit: number; type?: string }, command: Command) => {
      const entries = await ctx.withApi(command, (api) =>
        api.get<AuditEntryDto[]>('/api/audit', { limit: options.limit, objectType: options.type }),
      );
      ctx.output(command).list(entries, entries, AUDIT_COLUMNS, 'the audit log is empty');
    });
}
