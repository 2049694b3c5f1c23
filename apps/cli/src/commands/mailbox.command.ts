import type { Command } from 'commander';
import { requireRecipient } from '../lookups/recipient-lookup';
import { formatProperties, formatTable } from '../output/table';
import type { CommandContext } from './command-context';

/** GET /api/mailboxes/:recipientId/stats, as the store answers it. */
export interface MailboxStatsView {
  recipientId: string;
  alias: string;
  store: { id: string; name: string; mounted: boolean } | null;
  mailboxExists: boolean;
  folders: Array<{ name: string; role: string | null; itemCount: number; sizeBytes: number }>;
  totalItems: number;
  totalBytes: number;
  quotaState: string;
  lastLogonAt: string | null;
}

const kb = (bytes: number): string => `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB`;

/** mailbox stats ALIAS: items and size per folder, quota state and last logon (ESM's Mailboxes view). */
export function registerMailboxCommands(program: Command, ctx: CommandContext): void {
  const mailbox = program.command('mailbox').description('mailboxes');

  ctx
    .common(
      mailbox
        .command('stats')
        .argument('<user>', 'alias or id of a user with a mailbox')
        .description('item count and size per folder, last logon (GET /api/mailboxes/:recipientId/stats)'),
    )
    .action(async (ref: string, _options: unknown, command: Command) => {
      const out = ctx.output(command);
      const stats = await ctx.withApi(command, async (api) => {
        const user = await requireRecipient(api, ref, 'user');
        return api.get<MailboxStatsView>(`/api/mailboxes/${encodeURIComponent(user.id)}/stats`);
      });
      out.result(stats, (s) => {
        const sheet = formatProperties([
          ['Mailbox', s.alias],
          ['Store', s.store ? `${s.store.name}${s.store.mounted ? '' : ' (dismounted)'}` : null],
          ['Items', s.totalItems],
          ['Size', kb(s.totalBytes)],
          ['Quota', s.quotaState],
          ['Last logon', s.lastLogonAt ?? 'never'],
        ]);
        if (!s.mailboxExists) return `${sheet}\nthe mailbox is created by its first delivery or logon\n`;
        const folders = formatTable(s.folders, [
          { header: 'Folder', value: (f) => f.name },
          { header: 'Items', value: (f) => f.itemCount, align: 'right' },
          { header: 'Size', value: (f) => kb(f.sizeBytes), align: 'right' },
        ]);
        return `${sheet}\n${folders}`;
      });
    });
}
