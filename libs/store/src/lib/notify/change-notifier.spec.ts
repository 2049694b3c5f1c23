import { describe, expect, it } from 'vitest';
import { ChangeNotifier } from './change-notifier';
import type { NotificationListener } from './notification-listener';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

/** A LISTEN connection the test drives: payloads and resyncs arrive when it says. */
function listener() {
  const driven: { payload?: (payload: string) => void; resync?: () => void } = {};
  const connection: NotificationListener = {
    listen: async (_channel, onPayload, onResync) => {
      driven.payload = onPayload;
      driven.resync = onResync;
      return async () => undefined;
    },
  };
  return { connection, driven };
}

describe('ChangeNotifier.heardUpTo', () => {
  it('keeps the highest MODSEQ announced per folder; after a resync it knows only what it heard since', async () => {
    const { connection, driven } = listener();
    const notifier = new ChangeNotifier(connection);
    await notifier.onModuleInit();
    expect(notifier.heardUpTo(A)).toBe(0);
    driven.payload?.(`${A}:5`);
    driven.payload?.(`${A}:3`);
    expect(notifier.heardUpTo(A)).toBe(5);
    expect(notifier.heardUpTo(B)).toBe(0);

    driven.resync?.();
    expect(notifier.heardUpTo(A)).toBeNull();
    driven.payload?.(`${A}:6`);
    expect(notifier.heardUpTo(A)).toBe(6);
    expect(notifier.heardUpTo(B)).toBeNull();
    await notifier.onModuleDestroy();
  });
});
