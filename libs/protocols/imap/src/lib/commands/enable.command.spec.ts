import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';
import { ImapServer } from '../server/imap-server';
import { ImapTestClient } from '../../testing/imap-test-client';
import { createDefaultRegistry } from './default-commands';
import { ok, type ImapCommandDefinition } from './imap-command';

describe('ENABLE (RFC 5161)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('enables only what a registered command declares enableable, once', async () => {
    fixture = (await startSession()).fixture;
    const extension: ImapCommandDefinition = {
      names: ['XCHECK'],
      states: ['authenticated'],
      enableable: ['X-TESTEXT'],
      async handle(context) {
        return ok([...context.enabled].join(',') || 'none');
      },
    };
    const server = new ImapServer(
      fixture.backend,
      { port: 0, host: '127.0.0.1', allowPlaintextAuth: true },
      createDefaultRegistry([extension]),
    );
    const client = await ImapTestClient.connect(await server.listen());
    try {
      await client.readLine();
      await client.command('e0 LOGIN alice secret');
      expect(await client.command('e1 ENABLE x-testext X-UNKNOWN')).toEqual([
        '* ENABLED X-TESTEXT',
        'e1 OK ENABLE completed',
      ]);
      expect(await client.command('e2 ENABLE X-TESTEXT')).toEqual(['* ENABLED', 'e2 OK ENABLE completed']);
      expect(await client.command('e3 XCHECK')).toEqual(['e3 OK X-TESTEXT']);
      expect(await client.command('e4 ENABLE')).toEqual(['e4 BAD Missing argument']);
    } finally {
      await client.close();
      await server.close(1000);
    }
  });
});
