import type { CommandContext, Pop3Command } from './pop3-command';
import { scanListing } from './scan-listing';

/** list = "LIST" [SP msg] (RFC 1939 §5): "n size" scan listings. */
export const listCommand: Pop3Command = {
  name: 'LIST',
  states: ['transaction'],
  run<P>(ctx: CommandContext<P>, args: string): void {
    scanListing(ctx, args, (m) => String(m.size));
  },
};
