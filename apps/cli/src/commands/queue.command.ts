import type { Command } from 'commander';
import type { QueueDetailDto, QueuedMessageDto, QueueSummaryDto } from '@estafette/contracts';
import { formatTable, type Column } from '../output/table';
import type { CommandContext } from './command-context';

interface MessageRow {
  id: string;
  sender: string;
  subject: string;
  size: number;
  receivedAt: string;
  recipient: string;
  state: string;
  attempts: number;
  next: string | null;
  error: string | null;
}

/** One line per queued copy: Queue Viewer's message list. */
function messageRows(messages: readonly QueuedMessageDto[]): MessageRow[] {
  return messages.flatMap((m) =>
    m.recipients.map((r) => ({
      id: m.id,
      sender: m.sender || '<>',
      subject: m.subject,
      size: m.size,
      receivedAt: m.receivedAt,
      recipient: r.address,
      state: r.frozen ? 'frozen' : r.state,
      attempts: r.attempts,
      next: r.state === 'retry' ? r.nextAttemptAt : null,
      error: r.diagnostic,
    })),
  );
}

const MESSAGE_COLUMNS: ReadonlyArray<Column<MessageRow>> = [
  { header: 'ID', value: (r) => r.id },
  { header: 'From', value: (r) => r.sender },
  { header: 'To', value: (r) => r.recipient },
  { header: 'Subject', value: (r) => r.subject },
  { header: 'Size', value: (r) => r.size, align: 'right' },
  { header: 'Received', value: (r) => r.receivedAt },
  { header: 'State', value: (r) => r.state },
  { header: 'Tries', value: (r) => r.attempts, align: 'right' },
  { header: 'Next try', value: (r) => r.next },
  { header: 'Last error', value: (r) => r.error },
];

function queuePath(name: string): string {
  return `/api/queues/${encodeURIComponent(name)}`;
}

function messagePath(id: string, action?: string): string {
  return `/api/queues/messages/${encodeURIComponent(id.trim())}${action ? `/${action}` : ''}`;
}

/**
 * queue list | show QUEUE | retry ID | freeze ID | unfreeze ID | delete ID [--ndr]: the transport's
 * link queues (Exchange's Queue Viewer) and what an administrator may do with a queued message.
 */
export function registerQueueCommands(program: Command, ctx: CommandContext): void {
  const queue = program.command('queue').description('mail queues (Queue Viewer)');

  ctx
    .common(queue.command('list').description('list the queues that hold mail, one per next hop (GET /api/queues)'))
    .action(async (_options: unknown, command: Command) => {
      const out = ctx.output(command);
      const queues = await ctx.withApi(command, (api) => api.get<QueueSummaryDto[]>('/api/queues'));
      const columns: ReadonlyArray<Column<QueueSummaryDto>> = [
        { header: 'Queue', value: (q) => q.name },
        { header: 'Kind', value: (q) => q.kind },
        { header: 'State', value: (q) => q.state },
        { header: 'Messages', value: (q) => q.messageCount, align: 'right' },
        { header: 'Recipients', value: (q) => q.recipientCount, align: 'right' },
        { header: 'Oldest', value: (q) => q.oldestReceivedAt },
        { header: 'Next try', value: (q) => q.nextAttemptAt },
        { header: 'Last error', value: (q) => q.lastError },
      ];
      out.list(queues, queues, columns, 'the queues are empty');
    });

  ctx
    .common(
      queue
        .command('show')
        .argument('<queue>', "a queue name from 'estafette queue list' (local, domain:example.com, server:NAME, …)")
        .description('list the messages of one queue (GET /api/queues/:name)'),
    )
    .action(async (name: string, _options: unknown, command: Command) => {
      const out = ctx.output(command);
      const detail = await ctx.withApi(command, (api) => api.get<QueueDetailDto>(queuePath(name)));
      out.result(detail, (d) => {
        const rows = messageRows(d.messages);
        const head = `${d.displayName} (${d.name}): ${d.state}, ${d.messageCount} message(s), ${d.recipientCount} recipient(s)\n`;
        return rows.length === 0 ? head : `${head}\n${formatTable(rows, MESSAGE_COLUMNS)}`;
      });
    });

  const action = (verb: 'retry' | 'freeze' | 'unfreeze', description: string, done: string) =>
    ctx
      .common(
        queue.command(verb).argument('<id>', 'queue id of the message (from queue show)').description(description),
      )
      .action(async (id: string, _options: unknown, command: Command) => {
        const out = ctx.output(command);
        const message = await ctx.withApi(command, (api) => api.post<QueuedMessageDto>(messagePath(id, verb)));
        out.result(message, (m) => `${done} message ${m.id}${m.subject ? ` (${m.subject})` : ''}`);
      });
  action('retry', 'try to deliver a message now (POST /api/queues/messages/:id/retry)', 'retrying');
  action('freeze', 'hold a message in its queue (POST /api/queues/messages/:id/freeze)', 'froze');
  action('unfreeze', 'release a frozen message (POST /api/queues/messages/:id/unfreeze)', 'unfroze');

  ctx
    .common(
      queue
        .command('delete')
        .argument('<id>', 'queue id of the message')
        .option('--ndr', 'send the sender a non-delivery report (4.3.2)')
        .description(
          'delete a queued message, with or without a non-delivery report (DELETE /api/queues/messages/:id)',
        ),
    )
    .action(async (id: string, options: { ndr?: boolean }, command: Command) => {
      const out = ctx.output(command);
      const ndr = options.ndr === true;
      const message = await ctx.withApi(command, (api) =>
        api.request<QueuedMessageDto>('DELETE', messagePath(id), { query: { ndr } }),
      );
      out.result(
        message,
        (m) => `deleted message ${m.id}${ndr ? ', the sender gets a non-delivery report' : ' without a report'}`,
      );
    });
}
