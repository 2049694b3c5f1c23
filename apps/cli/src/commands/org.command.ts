import type { Command } from 'commander';
import type { OrganizationDto, UpdateOrganizationRequest } from '@estafette/contracts';
import { CliError, ExitCode } from '../cli-error';
import type { CellValue } from '../output/table';
import { positiveInteger, type CommandContext } from './command-context';

function organizationProperties(org: OrganizationDto): Array<[string, CellValue]> {
  return [
    ['Name', org.name],
    ['Max message size (KB)', org.maxMessageSizeKb],
    ['Max recipients per message', org.maxRecipientsPerMessage],
    ['ID', org.id],
  ];
}

interface OrgSetOptions {
  name?: string;
  maxMessageSize?: number;
  maxRecipients?: number;
}

/** org show | org set: the organisation object and its message delivery defaults. */
export function registerOrgCommands(program: Command, ctx: CommandContext): void {
  const org = program.command('org').description('the organisation and its message delivery defaults');

  ctx
    .common(org.command('show').description('show the organisation (GET /api/organization)'))
    .action(async (_options: unknown, command: Command) => {
      const result = await ctx.withApi(command, (api) => api.get<OrganizationDto>('/api/organization'));
      ctx.output(command).properties(result, organizationProperties);
    });

  ctx
    .common(
      org
        .command('set')
        .description('change the organisation name or its delivery defaults (PATCH /api/organization)')
        .option('--name <name>', 'organisation name')
        .option('--max-message-size <kb>', 'default maximum message size in KB', positiveInteger)
        .option('--max-recipients <n>', 'maximum recipients per message', positiveInteger),
    )
    .action(async (options: OrgSetOptions, command: Command) => {
      const change: UpdateOrganizationRequest = {
        name: options.name,
        maxMessageSizeKb: options.maxMessageSize,
        maxRecipientsPerMessage: options.maxRecipients,
      };
      if (Object.values(change).every((value) => value === undefined)) {
        throw new CliError('nothing to change: give --name, --max-message-size or --max-recipients', ExitCode.usage);
      }
      const result = await ctx.withApi(command, (api) => api.patch<OrganizationDto>('/api/organization', change));
      ctx.output(command).properties(result, organizationProperties);
    });
}
