import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';

describe('CREATE (RFC 3501 §6.3.3, RFC 6154 §3)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('hands the decoded name and the special use to the backend', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    const calls: unknown[] = [];
    const original = fixture.backend.createMailbox.bind(fixture.backend);
    fixture.backend.createMailbox = async (user, mailbox, options) => {
      calls.push([mailbox, options]);
      return original(user, mailbox, options);
    };
    expect(await session.client.command('c1 CREATE "&ZeVnLIqe-/" (USE (\\archive))')).toEqual([
      'c1 OK CREATE completed',
    ]);
    expect(await session.client.command('c2 CREATE Plain')).toEqual(['c2 OK CREATE completed']);
    expect(calls).toEqual([
      ['日本語', { specialUse: '\\Archive' }],
      ['Plain', undefined],
    ]);
    expect(await session.client.command('c3 LIST "" "&ZeVnLIqe-"')).toEqual([
      '* LIST (\\HasNoChildren \\Archive) "/" "&ZeVnLIqe-"',
      'c3 OK LIST completed',
    ]);
  });

  it('refuses several special uses, empty names and names in the other users namespace', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    expect(await session.client.command('c1 CREATE Both (USE (\\Sent \\Trash))')).toEqual([
      'c1 NO [USEATTR] Unsupported special-use attribute',
    ]);
    expect(await session.client.command('c2 CREATE ""')).toEqual(['c2 NO [CANNOT] Empty mailbox name']);
    expect(await session.client.command('c2a CREATE "100%"')).toEqual([
      'c2a NO [CANNOT] Mailbox names cannot contain "%" or "*"',
    ]);
    expect(await session.client.command('c2b CREATE "a//b"')).toEqual(['c2b NO [CANNOT] Empty level in mailbox name']);
    expect(await session.client.command('c2c RENAME INBOX "*"')).toEqual([
      'c2c NO [CANNOT] Mailbox names cannot contain "%" or "*"',
    ]);
    expect(await session.client.command('c3 CREATE "Other Users/bob/x"')).toEqual([
      'c3 NO [NOPERM] Not your namespace',
    ]);
  });
});
