import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';

describe('GETQUOTA / GETQUOTAROOT / SETQUOTA (RFC 9208)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('reports usage as it grows, in KiB', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    fixture.backend.storageLimitBytes = 10 * 1024;
    expect(await session.client.command('q1 GETQUOTA ""')).toEqual([
      '* QUOTA "" (STORAGE 0 10)',
      'q1 OK GETQUOTA completed',
    ]);
    fixture.backend.deliver('alice', 'INBOX', { raw: `Subject: big\r\n\r\n${'x'.repeat(3000)}\r\n` });
    expect(await session.client.command('q2 GETQUOTA ""')).toEqual([
      '* QUOTA "" (STORAGE 3 10)',
      'q2 OK GETQUOTA completed',
    ]);
  });

  it('lists every root with its quota and the MESSAGE resource when the backend has one', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    fixture.backend.getQuotaRoot = async () => ({
      roots: ['', 'user alice'],
      quotas: [
        { root: '', resources: [{ name: 'STORAGE', usage: 1, limit: 2 }] },
        { root: 'user alice', resources: [{ name: 'MESSAGE', usage: 3, limit: 4 }] },
      ],
    });
    expect(await session.client.command('q1 GETQUOTAROOT "Entw&APw-rfe"')).toEqual([
      '* QUOTAROOT "Entw&APw-rfe" "" "user alice"',
      '* QUOTA "" (STORAGE 1 2)',
      '* QUOTA "user alice" (MESSAGE 3 4)',
      'q1 OK GETQUOTAROOT completed',
    ]);
    expect(await session.client.command('q2 SETQUOTA "" STORAGE')).toEqual(['q2 BAD Expected a parenthesised list']);
  });
});
