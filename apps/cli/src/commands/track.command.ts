import { InvalidArgumentError, type Command } from 'commander';
import type { TrackingEventDto } from '@estafette/contracts';
import type { Column } from '../output/table';
import { positiveInteger, type CommandContext } from './command-context';

interface TrackOptions {
  sender?: string;
  recipient?: string;
  messageId?: string;
  from?: string;
  to?: string;
  limit: number;
}

function isoTime(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidArgumentError('expected a date and time, e.g. 2026-11-28T12:00:00Z');
  return date.toISOString();
}

/** track: the message tracking log (Exchange's Message Tracking Center), searched by sender, recipient, message-id and time. */
export function registerTrackCommands(program: Command, ctx: CommandContext): void {
  ctx
    .common(
      program
        .command('track')
        .description('search the message tracking log (GET /api/tracking)')
        .option('--sender <address>', 'envelope sender')
        .option('--recipient <address>', 'recipient')
        .option('--message-id <id>', 'Message-ID, with or without angle brackets')
        .option('--from <time>', 'events at or after this time (ISO 8601)', isoTime)
        .option('--to <time>', 'events at or before this time (ISO 8601)', isoTime)
        .option('--limit <n>', 'at most this many events (1-1000)', positiveInteger, 200),
    )
    .action(async (options: TrackOptions, command: Command) => {
      const out = ctx.output(command);
      const events = await ctx.withApi(command, (api) =>
        api.get<TrackingEventDto[]>('/api/tracking', {
          sender: options.sender,
          recipient: options.recipient,
          messageId: options.messageId,
          from: options.from,
          to: options.to,
          limit: options.limit,
        }),
      );
      const columns: ReadonlyArray<Column<TrackingEventDto>> = [
        { header: 'Time', value: (e) => e.at },
        { header: 'Event', value: (e) => e.event },
        { header: 'Queue ID', value: (e) => e.queueId },
        { header: 'Sender', value: (e) => e.sender || '<>' },
        { header: 'Recipient', value: (e) => e.recipient },
        { header: 'Status', value: (e) => e.status },
        { header: 'Server', value: (e) => e.server },
        { header: 'Detail', value: (e) => e.detail },
      ];
      out.list(events, events, columns, 'no matching events');
    });
}
