import type { Command } from 'commander';
import type { AddDomainRequest, AuthoritativeDomainDto, RecipientPolicyDto } from '@estafette/contracts';
import type { Column } from '../output/table';
import type { CommandContext } from './command-context';

/** domain add | list: the SMTP domains the organisation is authoritative for (the domains of its policies' templates). */
export function registerDomainCommands(program: Command, ctx: CommandContext): void {
  const domain = program.command('domain').description('SMTP domains the organisation accepts mail for');

  ctx
    .common(
      domain
        .command('add')
        .description('accept mail for a domain: adds it to the default recipient policy (POST /api/domains)')
        .argument('<domain>', 'for example example.com'),
    )
    .action(async (name: string, _options: unknown, command: Command) => {
      const request: AddDomainRequest = { domain: name };
      const created = await ctx.withApi(command, (api) => api.post<AuthoritativeDomainDto>('/api/domains', request));
      ctx.output(command).result(created, (d) => `added domain ${d.domain}`);
    });

  ctx
    .common(domain.command('list').description('list the authoritative domains (GET /api/domains)'))
    .action(async (_options: unknown, command: Command) => {
      const out = ctx.output(command);
      const [domains, policies] = await ctx.withApi(command, async (api) => {
        const list = await api.get<AuthoritativeDomainDto[]>('/api/domains');
        // Policy names only for people; --json keeps the ids the API gives.
        const named = out.json ? [] : await api.get<RecipientPolicyDto[]>('/api/recipient-policies').catch(() => []);
        return [list, new Map(named.map((p) => [p.id, p.name]))] as const;
      });
      const columns: ReadonlyArray<Column<AuthoritativeDomainDto>> = [
        { header: 'Domain', value: (d) => d.domain },
        { header: 'Default primary', value: (d) => d.isDefaultPrimary },
        { header: 'Policies', value: (d) => d.policyIds.map((id) => policies.get(id) ?? id).join(', ') },
      ];
      out.list(domains, domains, columns, 'no domains');
    });
}
