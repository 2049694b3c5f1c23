import type { Command } from 'commander';
import type { PolicyApplicationResult, RecipientPolicyDto } from '@estafette/contracts';
import type { ApiClient } from '../api-client';
import { formatFilter } from '../output/filter-format';
import { pickByNameOrId } from '../lookups/named-lookup';
import type { Column } from '../output/table';
import type { CommandContext } from './command-context';

const POLICY_COLUMNS: ReadonlyArray<Column<RecipientPolicyDto>> = [
  { header: 'Name', value: (p) => p.name },
  { header: 'Priority', value: (p) => (p.isDefault ? 'default' : p.priority), align: 'right' },
  // The primary template first, marked with an asterisk as Exchange showed it in bold.
  {
    header: 'Addresses',
    value: (p) =>
      [...p.addressTemplates]
        .sort((a, b) => Number(b.primary) - Number(a.primary))
        .map((t) => (t.primary ? `*${t.template}` : t.template))
        .join(', '),
  },
  { header: 'Applies to', value: (p) => formatFilter(p.filter) },
  { header: 'ID', value: (p) => p.id },
];

function listPolicies(api: ApiClient): Promise<RecipientPolicyDto[]> {
  return api.get<RecipientPolicyDto[]>('/api/recipient-policies');
}

/** policy list | apply: recipient policies (the address templates that give recipients their addresses). */
export function registerPolicyCommands(program: Command, ctx: CommandContext): void {
  const policy = program.command('policy').description('recipient policies');

  ctx
    .common(
      policy.command('list').description('list recipient policies in priority order (GET /api/recipient-policies)'),
    )
    .action(async (_options: unknown, command: Command) => {
      const policies = await ctx.withApi(command, listPolicies);
      ctx.output(command).list(policies, policies, POLICY_COLUMNS, 'no recipient policies');
    });

  ctx
    .common(
      policy
        .command('apply')
        .description(
          'apply one policy, or all of them, to the recipients now (POST /api/recipient-policies[/:id]/apply)',
        )
        .argument('[policy]', 'policy name or id (default: every policy)'),
    )
    .action(async (ref: string | undefined, _options: unknown, command: Command) => {
      const [name, result] = await ctx.withApi(command, async (api) => {
        if (ref === undefined) {
          return [
            'all recipient policies',
            await api.post<PolicyApplicationResult>('/api/recipient-policies/apply'),
          ] as const;
        }
        const target = pickByNameOrId(await listPolicies(api), ref, 'recipient policy', 'estafette policy list');
        return [
          `recipient policy ${target.name}`,
          await api.post<PolicyApplicationResult>(`/api/recipient-policies/${target.id}/apply`),
        ] as const;
      });
      ctx
        .output(command)
        .result(
          result,
          (r) =>
            `applied ${name}: ${r.recipientsChecked} recipients checked, ${r.recipientsUpdated} updated, ` +
            `${r.addressesAdded} addresses added, ${r.addressesRemoved} removed`,
        );
    });
}
