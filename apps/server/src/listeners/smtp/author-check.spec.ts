import { describe, expect, it } from 'vitest';
import { decideAuthor, fromMailboxes } from './author-check';

const user = { displayName: 'Alice Tester', address: 'alice@test.example' };

describe('author rules of submission', () => {
  it('reads the From mailboxes, groups included, and gives up on junk', () => {
    expect(fromMailboxes(['Boss <boss@test.example>, team@test.example'])?.map((m) => m.address)).toEqual([
      'boss@test.example',
      'team@test.example',
    ]);
    expect(fromMailboxes(['Team: a@test.example;'])?.map((m) => m.address)).toEqual(['a@test.example']);
    expect(fromMailboxes(['<<<'])).toBeNull();
  });

  it('needs no Sender for the user’s own address or Send As', () => {
    expect(decideAuthor([{ address: 'alice@test.example', permission: 'own' }], user)).toEqual({
      ok: true,
      senderField: null,
    });
    expect(decideAuthor([{ address: 'team@test.example', permission: 'send-as' }], user)).toEqual({
      ok: true,
      senderField: null,
    });
  });

  it('adds a Sender with the user for Send on Behalf and for several authors', () => {
    expect(decideAuthor([{ address: 'boss@test.example', permission: 'send-on-behalf' }], user)).toEqual({
      ok: true,
      senderField: 'Sender: Alice Tester <alice@test.example>',
    });
    const two = decideAuthor(
      [
        { address: 'alice@test.example', permission: 'own' },
        { address: 'team@test.example', permission: 'send-as' },
      ],
      { displayName: 'Zoë', address: 'alice@test.example' },
    );
    expect(two).toEqual({ ok: true, senderField: 'Sender: =?UTF-8?Q?Zo=C3=AB?= <alice@test.example>' });
  });

  it('replaces a Sender field naming somebody the user may not send as', () => {
    const own = [{ address: 'alice@test.example', permission: 'own' as const }];
    expect(decideAuthor(own, user, { address: 'ceo@test.example', permission: null })).toEqual({
      ok: true,
      senderField: 'Sender: Alice Tester <alice@test.example>',
    });
    expect(decideAuthor(own, user, { address: 'a.smith@test.example', permission: 'own' })).toEqual({
      ok: true,
      senderField: null,
    });
  });

  it('refuses an author the user has no right to', () => {
    expect(
      decideAuthor(
        [
          { address: 'alice@test.example', permission: 'own' },
          { address: 'ceo@test.example', permission: null },
        ],
        user,
      ),
    ).toEqual({ ok: false, address: 'ceo@test.example', reason: 'not-permitted' });
  });
});
