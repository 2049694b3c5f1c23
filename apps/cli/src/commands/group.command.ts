import type { Command } from 'commander';
import type { CreateRecipientRequest, RecipientDto, RecipientKind, RecipientSummaryDto } from '@estafette/contracts';
import type { ApiClient } from '../api-client';
import { CliError, ExitCode } from '../cli-error';
import { getRecipient, requireRecipient } from '../lookups/recipient-lookup';
import { resolveContainer } from '../lookups/topology-lookup';
import { printRecipient, recipientSheet } from '../output/recipient-sheet';
import type { Column } from '../output/table';
import { mapBounded } from '../util/map-bounded';
import type { CommandContext } from './command-context';

const GROUP_KINDS: readonly RecipientKind[] = ['group', 'query-group'];

/** Member look-ups in flight at once: enough to be quick, few enough to be polite to the server. */
const LOOKUP_CONCURRENCY = 8;

const MEMBER_COLUMNS: ReadonlyArray<Column<RecipientSummaryDto>> = [
  { header: 'Alias', value: (r) => r.alias },
  { header: 'Kind', value: (r) => r.kind },
  { header: 'Display name', value: (r) => r.displayName },
  { header: 'Email', value: (r) => r.primarySmtpAddress },
];

interface GroupAddOptions {
  member?: string[];
  alias?: string;
  ou?: string;
}

/**
 * An alias from a display name: the characters RFC 5322 allows in an atom
 * (section 3.2.3), dots kept between them; "Sales Team (EU)" -> "SalesTeamEU".
 */
export function aliasFromName(name: string): string {
  return name
    .replace(/[^A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]/g, '')
    .replace(/\.{2,}/g, '.')
    .replace(/^\.|\.$/g, '');
}

function summaryOf(r: RecipientDto): RecipientSummaryDto {
  return {
    id: r.id,
    kind: r.kind,
    alias: r.alias,
    displayName: r.displayName,
    primarySmtpAddress: r.primarySmtpAddress,
    containerId: r.containerId,
    hiddenFromAddressLists: r.hiddenFromAddressLists,
  };
}

async function resolveMembers(api: ApiClient, refs: readonly string[]): Promise<RecipientDto[]> {
  const unique = [...new Set(refs.map((ref) => ref.trim()).filter((ref) => ref !== ''))];
  return mapBounded(unique, LOOKUP_CONCURRENCY, (ref) => requireRecipient(api, ref));
}

/** group add | members: distribution groups. */
export function registerGroupCommands(program: Command, ctx: CommandContext): void {
  const group = program.command('group').description('distribution groups');

  ctx
    .common(
      group
        .command('add')
        .description('create a distribution group (POST /api/recipients)')
        .argument('<name>', 'display name')
        .option('--member <alias...>', 'members, by alias or id (repeat the option or list several)')
        .option('--alias <alias>', 'alias (default: the name without spaces and punctuation)')
        .option('--ou <container>', 'recipient container, by name or id'),
    )
    .action(async (name: string, options: GroupAddOptions, command: Command) => {
      const alias = options.alias ?? aliasFromName(name);
      if (alias === '') throw new CliError(`cannot make an alias of "${name}": give one with --alias`, ExitCode.usage);
      const out = ctx.output(command);
      const sheet = await ctx.withApi(command, async (api) => {
        const [members, container] = await Promise.all([
          resolveMembers(api, options.member ?? []),
          options.ou === undefined ? undefined : resolveContainer(api, options.ou),
        ]);
        const request: CreateRecipientRequest = {
          kind: 'group',
          alias,
          displayName: name,
          groupType: 'distribution',
          memberIds: members.map((m) => m.id),
          containerId: container?.id,
        };
        return recipientSheet(api, out, await api.post<RecipientDto>('/api/recipients', request));
      });
      printRecipient(out, sheet);
    });

  ctx
    .common(
      group
        .command('members')
        .description("list a group's members (the group's memberIds, each by GET /api/recipients/:id)")
        .argument('<group>', 'alias, display name or id')
        .option(
          '--expanded',
          'every recipient mail to the group reaches: nested and query-based groups expanded (GET /api/recipients/:id/expanded-members)',
        ),
    )
    .action(async (ref: string, options: { expanded?: boolean }, command: Command) => {
      const members = await ctx.withApi(command, async (api) => {
        // A query-based group has no stored members, but --expanded lists whom its filter reaches.
        const found = await requireRecipient(api, ref, GROUP_KINDS);
        if (options.expanded) return api.get<RecipientSummaryDto[]>(`/api/recipients/${found.id}/expanded-members`);
        const full = await mapBounded(found.memberIds, LOOKUP_CONCURRENCY, (id) => getRecipient(api, id));
        return full.map(summaryOf);
      });
      ctx.output(command).list(members, members, MEMBER_COLUMNS, 'the group has no members');
    });
}
