import type { Command } from 'commander';
import type { CreateRecipientRequest, Page, RecipientDto, RecipientSummaryDto } from '@estafette/contracts';
import type { ApiClient } from '../api-client';
import { recipientPages, requireRecipient, type RecipientQuery } from '../lookups/recipient-lookup';
import { namesById } from '../lookups/named-lookup';
import { resolveContainer, resolveMailboxStore } from '../lookups/topology-lookup';
import type { CellValue, Column } from '../output/table';
import { positiveInteger, type CommandContext } from './command-context';

export const RECIPIENT_COLUMNS: ReadonlyArray<Column<RecipientSummaryDto>> = [
  { header: 'Alias', value: (r) => r.alias },
  { header: 'Display name', value: (r) => r.displayName },
  { header: 'Email', value: (r) => r.primarySmtpAddress },
  { header: 'ID', value: (r) => r.id },
];

/** At most this many pages for `user list --all` (a million users at the default 100 a page): a bound nobody meets. */
const MAX_LIST_PAGES = 10_000;

interface UserAddOptions {
  password: string;
  name?: string;
  first?: string;
  last?: string;
  store?: string;
  ou?: string;
}

interface UserListOptions {
  search?: string;
  ou?: string;
  all?: boolean;
  limit?: number;
  cursor?: string;
}

/** The names of the container and the mailbox store, for people; ids when they cannot be looked up. */
async function placementNames(api: ApiClient, user: RecipientDto): Promise<{ container: string; store: string | null }> {
  const [containers, stores] = await Promise.all([namesById(api, '/api/recipient-containers'), namesById(api, '/api/stores')]);
  const store = user.mailboxStoreId ? (stores.get(user.mailboxStoreId) ?? user.mailboxStoreId) : null;
  return { container: containers.get(user.containerId) ?? user.containerId, store };
}

export function recipientProperties(r: RecipientDto, names?: { container: string; store: string | null }): Array<[string, CellValue]> {
  const secondary = r.emailAddresses.filter((a) => !a.isPrimary).map((a) => a.address);
  const rows: Array<[string, CellValue]> = [
    ['Alias', r.alias],
    ['Kind', r.kind],
    ['Display name', r.displayName],
    ['First name', r.firstName],
    ['Last name', r.lastName],
    ['Email', r.primarySmtpAddress],
    ['Other addresses', secondary.join(', ')],
    ['Container', names?.container ?? r.containerId],
  ];
  if (r.kind === 'user') {
    rows.push(['Mailbox store', names ? names.store : r.mailboxStoreId], ['Account disabled', r.accountDisabled]);
  }
  if (r.targetAddress) rows.push(['Target address', r.targetAddress]);
  rows.push(['Hidden from address lists', r.hiddenFromAddressLists], ['Created', r.createdAt], ['ID', r.id]);
  return rows;
}

/** user add | list | show | delete | passwd: mailbox-enabled users (POST/GET/DELETE /api/recipients). */
export function registerUserCommands(program: Command, ctx: CommandContext): void {
  const user = program.command('user').description('users with a mailbox');

  ctx
    .common(
      user
        .command('add')
        .description('create a user with a mailbox (POST /api/recipients)')
        .argument('<alias>', 'alias (the local part of the default address)')
        .requiredOption('--password <password>', "the new user's password")
        .option('--name <display name>', 'display name (default: first and last name)')
        .option('--first <first name>', 'first name')
        .option('--last <last name>', 'last name')
        .option('--store <store>', 'mailbox store, by name or id (default: the first mailbox store of the server)')
        .option('--ou <container>', 'recipient container, by name or id (default: Users)'),
      { passwordFlag: false },
    )
    .action(async (alias: string, options: UserAddOptions, command: Command) => {
      const created = await ctx.withApi(command, async (api) => {
        const [store, container] = await Promise.all([
          options.store === undefined ? undefined : resolveMailboxStore(api, options.store),
          options.ou === undefined ? undefined : resolveContainer(api, options.ou),
        ]);
        const displayName = options.name ?? ([options.first, options.last].filter(Boolean).join(' ') || undefined);
        const request: CreateRecipientRequest = {
          kind: 'user',
          alias,
          displayName,
          firstName: options.first,
          lastName: options.last,
          password: options.password,
          mailboxStoreId: store?.id,
          containerId: container?.id,
        };
        return api.post<RecipientDto>('/api/recipients', request);
      });
      ctx.output(command).properties(created, (r) => recipientProperties(r));
    });

  ctx
    .common(
      user
        .command('list')
        .description('list users, 100 at a time unless --all (GET /api/recipients?kind=user)')
        .option('--search <prefix>', 'only users whose alias, name or address starts with this')
        .option('--ou <container>', 'only users in this recipient container (name or id)')
        .option('--all', 'follow the pages to the end')
        .option('--limit <n>', 'users per page (the server allows 1 to 500; default 100)', positiveInteger)
        .option('--cursor <cursor>', 'start at this page (the nextCursor of a previous page)'),
    )
    .action(async (options: UserListOptions, command: Command) => {
      const out = ctx.output(command);
      const page = await ctx.withApi(command, async (api): Promise<Page<RecipientSummaryDto>> => {
        const container = options.ou === undefined ? undefined : await resolveContainer(api, options.ou);
        const query: RecipientQuery = {
          kind: 'user',
          search: options.search,
          containerId: container?.id,
          limit: options.limit,
          cursor: options.cursor,
        };
        const items: RecipientSummaryDto[] = [];
        let nextCursor: string | null = null;
        for await (const current of recipientPages(api, query, options.all ? MAX_LIST_PAGES : 1)) {
          items.push(...current.items);
          nextCursor = current.nextCursor;
        }
        return { items, nextCursor: options.all ? null : nextCursor };
      });
      out.list(page, page.items, RECIPIENT_COLUMNS, 'no users');
      if (page.nextCursor && !out.json) out.note(`more users: add --all, or --cursor ${page.nextCursor}`);
    });

  ctx
    .common(user.command('show').description('show a user (GET /api/recipients/:id)').argument('<user>', 'alias or id'))
    .action(async (ref: string, _options: unknown, command: Command) => {
      const out = ctx.output(command);
      const [found, names] = await ctx.withApi(command, async (api) => {
        const recipient = await requireRecipient(api, ref, 'user');
        return [recipient, out.json ? undefined : await placementNames(api, recipient)] as const;
      });
      out.properties(found, (r) => recipientProperties(r, names));
    });

  ctx
    .common(user.command('delete').description('delete a user and its mailbox (DELETE /api/recipients/:id)').argument('<user>', 'alias or id'))
    .action(async (ref: string, _options: unknown, command: Command) => {
      const deleted = await ctx.withApi(command, async (api) => {
        const recipient = await requireRecipient(api, ref, 'user');
        await api.delete(`/api/recipients/${recipient.id}`);
        return { id: recipient.id, alias: recipient.alias, deleted: true };
      });
      ctx.output(command).result(deleted, (d) => `deleted user ${d.alias} (${d.id})`);
    });

  ctx
    .common(
      user
        .command('passwd')
        .description("set a user's password (POST /api/recipients/:id/password)")
        .argument('<user>', 'alias or id')
        .requiredOption('--password <password>', 'the new password'),
      { passwordFlag: false },
    )
    .action(async (ref: string, options: { password: string }, command: Command) => {
      const changed = await ctx.withApi(command, async (api) => {
        const recipient = await requireRecipient(api, ref, 'user');
        await api.post(`/api/recipients/${recipient.id}/password`, { password: options.password });
        return { id: recipient.id, alias: recipient.alias, passwordChanged: true };
      });
      ctx.output(command).result(changed, (c) => `password changed for ${c.alias}`);
    });
}
