import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';
import { seedConversationsFor } from '../../testing/transcript-seeds';

describe('RENAME (RFC 3501 §6.3.5)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('renaming INBOX moves its messages to the new mailbox and leaves INBOX empty', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    seedConversationsFor(fixture.backend);
    expect(await session.client.command('r1 RENAME inbox "Archive/2025"')).toEqual(['r1 OK RENAME completed']);
    expect(await session.client.command('r2 STATUS INBOX (MESSAGES)')).toEqual([
      '* STATUS "INBOX" (MESSAGES 0)',
      'r2 OK STATUS completed',
    ]);
    expect(await session.client.command('r3 STATUS "Archive/2025" (MESSAGES UNSEEN)')).toEqual([
      '* STATUS "Archive/2025" (MESSAGES 7 UNSEEN 5)',
      'r3 OK STATUS completed',
    ]);
  });

  it('decodes both names and strips a trailing delimiter from the target', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    const calls: string[][] = [];
    const original = fixture.backend.renameMailbox.bind(fixture.backend);
    fixture.backend.renameMailbox = async (user, from, to) => {
      calls.push([from, to]);
      return original(user, from, to);
    };
    await session.client.command('r0 CREATE Drafts');
    expect(await session.client.command('r1 RENAME Drafts "Entw&APw-rfe/"')).toEqual(['r1 OK RENAME completed']);
    expect(calls).toEqual([['Drafts', 'Entwürfe']]);
    expect(await session.client.command('r2 RENAME Drafts')).toEqual(['r2 BAD Missing argument']);
  });
});
