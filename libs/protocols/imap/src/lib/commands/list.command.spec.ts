import { afterEach, describe, expect, it } from 'vitest';
import { ImapBackendError } from '../backend/imap-backend';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';
import { seedShared } from '../../testing/transcript-seeds';

describe('LIST (RFC 3501 §6.3.8, RFC 5258, RFC 5819)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('shows mailboxes shared with the user under the other users namespace, parents \\Noselect', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    seedShared(fixture.backend);
    expect(await session.client.command('l1 LIST "" %')).toEqual([
      '* LIST (\\HasNoChildren) "/" "INBOX"',
      '* LIST (\\Noselect \\HasChildren) "/" "Other Users"',
      'l1 OK LIST completed',
    ]);
    expect(await session.client.command('l2 LIST "Other Users/" %/%')).toEqual([
      '* LIST (\\HasNoChildren) "/" "Other Users/carol/INBOX"',
      '* LIST (\\HasNoChildren) "/" "Other Users/carol/Team"',
      'l2 OK LIST completed',
    ]);
  });

  it('passes the decoded reference and patterns and the selection options to the backend', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    const queries: unknown[] = [];
    const original = fixture.backend.listMailboxes.bind(fixture.backend);
    fixture.backend.listMailboxes = (user, query) => {
      queries.push(query);
      return original(user, query);
    };
    await session.client.command('l1 LIST (SUBSCRIBED RECURSIVEMATCH REMOTE) "Entw&APw-rfe/" ("a*" "b%")');
    expect(queries).toEqual([
      {
        reference: 'Entwürfe/',
        patterns: ['a*', 'b%'],
        subscribedOnly: true,
        specialUseOnly: false,
        recursiveMatch: true,
      },
    ]);
  });

  it('leaves STATUS out for a mailbox whose status cannot be read (RFC 5819 §2)', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    await session.client.command('l0 CREATE Secret');
    const original = fixture.backend.status.bind(fixture.backend);
    fixture.backend.status = async (user, mailbox, items) => {
      if (mailbox === 'Secret') throw new ImapBackendError('NOPERM', 'no');
      return original(user, mailbox, items);
    };
    expect(await session.client.command('l1 LIST "" * RETURN (STATUS (MESSAGES))')).toEqual([
      '* LIST (\\HasNoChildren) "/" "INBOX"',
      '* STATUS "INBOX" (MESSAGES 0)',
      '* LIST (\\HasNoChildren) "/" "Secret"',
      'l1 OK LIST completed',
    ]);
    expect(fixture.errors).toEqual([]);
  });

  it('sends a name that needs it as a literal and refuses bad syntax', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    await fixture.backend.createMailbox({ id: 'x', username: 'alice' }, 'quote"and\\slash');
    expect(await session.client.command('l1 LIST "" quote*')).toEqual([
      '* LIST (\\HasNoChildren) "/" "quote\\"and\\\\slash"',
      'l1 OK LIST completed',
    ]);
    expect(await session.client.command('l2 LIST "" ()')).toEqual(['l2 BAD Expected a mailbox pattern']);
    expect(await session.client.command('l3 LIST "" * SUBSCRIBED')).toEqual(['l3 BAD Expected RETURN']);
    expect(await session.client.command('l4 LIST "" * RETURN (STATUS)')).toEqual([
      'l4 BAD STATUS return option needs a list',
    ]);
  });
});
