import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';
import { expungeElsewhere, seedConversationsFor } from '../../testing/transcript-seeds';

describe('SEARCH / UID SEARCH (RFC 3501 §6.4.4, RFC 4731)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  async function selected() {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    seedConversationsFor(fixture.backend);
    await session.client.command('s0 SELECT INBOX');
    return { client: session.client, backend: fixture.backend };
  }

  it('answers sequence numbers or UIDs once the view has a gap', async () => {
    const { client, backend } = await selected();
    await expungeElsewhere(backend, [2, 4]);
    const noop = await client.command('s1 NOOP');
    expect(noop.filter((l) => l.endsWith('EXPUNGE'))).toEqual(['* 2 EXPUNGE', '* 3 EXPUNGE']);
    expect(await client.command('s2 SEARCH SUBJECT kickoff')).toEqual(['* SEARCH 1', 's2 OK SEARCH completed']);
    expect(await client.command('s3 UID SEARCH 2:3')).toEqual(['* SEARCH 3 5', 's3 OK UID SEARCH completed']);
    expect(await client.command('s4 SEARCH RETURN (ALL) UID 3:7')).toEqual([
      '* ESEARCH (TAG "s4") ALL 2:5',
      's4 OK SEARCH completed',
    ]);
  });

  it('does not name a message the client has not been told about yet', async () => {
    const { client, backend } = await selected();
    backend.deliver('alice', 'INBOX', { raw: 'Subject: Re: Project kickoff\r\n\r\nlate\r\n' });
    expect(await client.command('s1 SEARCH SUBJECT kickoff')).toEqual([
      '* SEARCH 1 2 4',
      '* 8 EXISTS',
      's1 OK SEARCH completed',
    ]);
    expect(await client.command('s2 SEARCH SUBJECT kickoff')).toEqual(['* SEARCH 1 2 4 8', 's2 OK SEARCH completed']);
  });

  it('holds EXPUNGE back during SEARCH but not during UID SEARCH (RFC 3501 §7.4.1)', async () => {
    const { client, backend } = await selected();
    await expungeElsewhere(backend, [7]);
    const search = await client.command('s1 SEARCH ALL');
    expect(search[0]).toBe('* SEARCH 1 2 3 4 5 6');
    expect(search.some((l) => l.endsWith('EXPUNGE'))).toBe(false);
    expect(await client.command('s2 UID SEARCH 7')).toEqual(['* SEARCH', '* 7 EXPUNGE', 's2 OK UID SEARCH completed']);
  });

  it('turns CONDSTORE on when MODSEQ is used, and is refused outside the selected state', async () => {
    const { client } = await selected();
    await client.command('s1 SEARCH MODSEQ 1');
    expect(await client.command('s2 ENABLE CONDSTORE')).toEqual(['s2 BAD ENABLE not allowed now']);
    await client.command('s3 UNSELECT');
    expect(await client.command('s4 SEARCH ALL')).toEqual(['s4 BAD SEARCH not allowed now']);
  });
});
