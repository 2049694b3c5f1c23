import type { CommandContext, Pop3Command } from './pop3-command';
import { scanListing } from './scan-listing';

/** uidl = "UIDL" [SP msg] (RFC 1939 §7): "n unique-id", stable across sessions. */
export const uidlCommand: Pop3Command = {
  name: 'UIDL',
  states: ['transaction'],
  run<P>(ctx: CommandContext<P>, args: string): void {
    scanListing(ctx, args, (m) => m.uid);
  },
};
