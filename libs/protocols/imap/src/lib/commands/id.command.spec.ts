import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';

describe('ID (RFC 2971)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('works after login too and accepts literals as values', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    session.client.send('i1 ID ("name" {3+}');
    session.client.send('abc)');
    expect(await session.client.readUntilTagged('i1')).toEqual([
      '* ID ("name" "Estafette" "vendor" "Estafette")',
      'i1 OK ID completed',
    ]);
  });

  it('refuses atoms as field names and more than 30 fields', async () => {
    const session = await startSession();
    fixture = session.fixture;
    expect(await session.client.command('i1 ID (name "x")')).toEqual(['i1 BAD ID field must be a string']);
    const many = Array.from({ length: 31 }, (_, i) => `"f${i}" "v"`).join(' ');
    expect(await session.client.command(`i2 ID (${many})`)).toEqual(['i2 BAD Invalid ID parameters']);
  });
});
