import type { Command } from 'commander';
import type { CreateRecipientRequest, Page, RecipientDto, RecipientSummaryDto } from '@estafette/contracts';
import { recipientPages, requireRecipient, type RecipientQuery } from '../lookups/recipient-lookup';
import { resolveContainer, resolveMailboxStore } from '../lookups/topology-lookup';
import { printRecipient, recipientSheet } from '../output/recipient-sheet';
import type { Column } from '../output/table';
import { positiveInteger, type CommandContext } from './command-context';

const RECIPIENT_COLUMNS: ReadonlyArray<Column<RecipientSummaryDto>> = [
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
      const out = ctx.output(command);
      const sheet = await ctx.withApi(command, async (api) => {
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
        return recipientSheet(api, out, await api.post<RecipientDto>('/api/recipients', request));
      });
      printRecipient(out, sheet);
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
      const sheet = await ctx.withApi(command, async (api) =>
        recipientSheet(api, out, await requireRecipient(api, ref, 'user')),
      );
      printRecipient(out, sheet);
    });

  ctx
    .common(
      user
        .command('delete')
        .description('delete a user and its mailbox (DELETE /api/recipients/:id)')
        .argument('<user>', 'alias or id'),
    )
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
