// idle = "IDLE" CRLF "DONE" — RFC 2177: the client waits for updates; the server sends EXISTS,
// EXPUNGE and FETCH as they happen (EXPUNGE is allowed while idling, RFC 3501 §7.4.1 exempts IDLE)
// until the client sends DONE. The auto-logout timer keeps running (RFC 2177 §3 asks clients to
// re-issue IDLE at least every 29 minutes).
import { AUTHENTICATED_STATES, bad, ok, type ImapCommandDefinition } from './imap-command';

export const idleCommand: ImapCommandDefinition = {
  names: ['IDLE'],
  states: AUTHENTICATED_STATES,
  capabilities: (s) => (s.state === 'not-authenticated' ? [] : ['IDLE']),
  async handle(context, args) {
    args.end();
    await context.continuation('idling');
    // Writes are chained so that updates go out one batch at a time, in order.
    let sending: Promise<void> = context.flushUpdates(true);
    context.updates.onPush = () => {
      sending = sending.then(() => context.flushUpdates(true));
    };
    let line: Buffer | null;
    try {
      line = await context.readLine();
    } finally {
      context.updates.onPush = null;
      await sending;
    }
    if (line === null) return ok('IDLE ended');
    if (line.toString('latin1').trim().toUpperCase() !== 'DONE') return bad('Expected DONE');
    return ok('IDLE terminated');
  },
};
