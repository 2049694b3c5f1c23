import { describe, expect, it, vi } from 'vitest';
import type { QueuedMessage } from '../queue/queue.model';
import { Categorizer, type CategorizedCopy } from './categorizer';
import type {
  CategorizerDirectory,
  DirectoryLookup,
  DirectoryRecipient,
  PublicFolderTarget,
} from './categorizer-directory';

function recipient(id: string, extra: Partial<DirectoryRecipient> = {}): DirectoryRecipient {
  return {
    id,
    kind: 'user',
    displayName: id,
    primarySmtpAddress: `${id}@contoso.example`,
    mailboxStoreId: 'store1',
    targetAddress: null,
    hiddenFromAddressLists: false,
    acceptFromIds: [],
    rejectFromIds: [],
    requireAuthenticatedSenders: false,
    forwardingRecipientId: null,
    deliverAndForward: false,
    maxReceiveSizeKb: null,
    ...extra,
  };
}

/** An in-memory directory: addresses resolve case-insensitively; groups list their members (nested allowed). */
class FakeDirectory implements CategorizerDirectory {
  readonly byId = new Map<string, DirectoryRecipient>();
  readonly addresses = new Map<string, string>();
  readonly members = new Map<string, string[]>();
  /** Public folders by address: who may post (recipient ids, 'default', 'anonymous') and their store. */
  readonly folders = new Map<string, { id: string; posters: string[]; publicStoreId: string | null }>();

  add(r: DirectoryRecipient, ...extraAddresses: string[]): this {
    this.byId.set(r.id, r);
    for (const a of [r.primarySmtpAddress, ...extraAddresses]) if (a) this.addresses.set(a.toLowerCase(), r.id);
    return this;
  }

  async resolve(address: string): Promise<DirectoryLookup> {
    const folder = this.folders.get(address.toLowerCase());
    if (folder) return { kind: 'public-folder', publicFolderId: folder.id };
    const id = this.addresses.get(address.toLowerCase());
    const r = id ? this.byId.get(id) : undefined;
    return r ? { kind: 'recipient', recipient: r } : null;
  }

  async findById(id: string): Promise<DirectoryRecipient | null> {
    return this.byId.get(id) ?? null;
  }

  /** Leaves only, each once, loop-safe, as GroupExpansionService does. */
  async expandGroup(groupId: string): Promise<string[]> {
    const seen = new Set([groupId]);
    const out: string[] = [];
    const walk = (id: string) => {
      for (const m of this.members.get(id) ?? []) {
        if (seen.has(m)) continue;
        seen.add(m);
        const kind = this.byId.get(m)?.kind;
        if (kind === 'group' || kind === 'query-group') walk(m);
        else out.push(m);
      }
    };
    walk(groupId);
    return out;
  }

  async authoritativeDomains(): Promise<string[]> {
    return ['contoso.example'];
  }

  async publicFolder(id: string, senderId: string | null): Promise<PublicFolderTarget | null> {
    const folder = [...this.folders.values()].find((f) => f.id === id);
    if (!folder) return null;
    const principal = senderId === null ? 'anonymous' : folder.posters.includes(senderId) ? senderId : 'default';
    return { displayName: id, publicStoreId: folder.publicStoreId, mayPost: folder.posters.includes(principal) };
  }
}

function message(extra: Partial<QueuedMessage> = {}): QueuedMessage {
  return {
    id: 'Q1',
    blobSha256: 'x'.repeat(64),
    size: 10_000,
    mailFrom: 'sender@fabrikam.example',
    dsnEnvelopeId: null,
    dsnRet: null,
    authenticatedRecipientId: null,
    entryPoint: 'smtp',
    clientAddress: '192.0.2.1',
    clientHostname: '',
    heloName: 'client',
    messageIdHeader: '<m@x>',
    subject: 'hi',
    hopCount: 1,
    isReport: false,
    receivedAt: new Date(),
    receivedBy: 'mail1',
    state: 'categorize',
    frozen: false,
    nextAttemptAt: new Date(),
    attempts: 0,
    lastError: null,
    ...extra,
  };
}

const summary = (copies: CategorizedCopy[]) =>
  copies.map((c) => (c.outcome === 'deliver' ? `deliver ${c.address}` : `fail ${c.address} ${c.status}`)).sort();

describe('categorizer', () => {
  const directory = new FakeDirectory()
    .add(recipient('ann'), 'Ann.Smith@Contoso.example', 'ann@sales.contoso.example')
    .add(recipient('bob'))
    .add(recipient('cyd'))
    .add(recipient('team', { kind: 'group', mailboxStoreId: null }))
    .add(recipient('inner', { kind: 'group', mailboxStoreId: null }))
    .add(
      recipient('partner', {
        kind: 'contact',
        mailboxStoreId: null,
        targetAddress: 'pat@fabrikam.example',
        primarySmtpAddress: 'partner@contoso.example',
      }),
    );
  directory.members.set('team', ['ann', 'inner']);
  directory.members.set('inner', ['bob', 'ann', 'team', 'partner']);
  const categorizer = new Categorizer(directory, { maxHopCount: 15 });

  it('resolves any address of a recipient, case-insensitively, to its primary address', async () => {
    const result = await categorizer.categorize(message(), ['ANN.SMITH@contoso.EXAMPLE']);
    expect(result.copies).toEqual([
      {
        outcome: 'deliver',
        envelopeRecipient: 'ANN.SMITH@contoso.EXAMPLE',
        address: 'ann@contoso.example',
        destination: { kind: 'mailbox', recipientId: 'ann', mailboxStoreId: 'store1' },
      },
    ]);
  });

  it('fails unknown addresses of authoritative domains with 5.1.1 and passes other domains through', async () => {
    const result = await categorizer.categorize(message(), ['nobody@contoso.example', 'someone@tailspin.example']);
    expect(summary(result.copies)).toEqual(['deliver someone@tailspin.example', 'fail nobody@contoso.example 5.1.1']);
  });

  it('reads the organisation’s domains only for an address nobody holds, once per message', async () => {
    const domains = vi.spyOn(directory, 'authoritativeDomains');
    try {
      await categorizer.categorize(message(), ['ann@contoso.example', 'bob@contoso.example']);
      expect(domains).not.toHaveBeenCalled();
      const result = await categorizer.categorize(message(), [
        'nobody@contoso.example',
        'none@contoso.example',
        'someone@tailspin.example',
      ]);
      expect(domains).toHaveBeenCalledTimes(1);
      expect(summary(result.copies)).toEqual([
        'deliver someone@tailspin.example',
        'fail nobody@contoso.example 5.1.1',
        'fail none@contoso.example 5.1.1',
      ]);
    } finally {
      domains.mockRestore();
    }
  });

  it('expands nested groups loop-safely, one copy per recipient', async () => {
    const result = await categorizer.categorize(message(), ['team@contoso.example', 'ann@sales.contoso.example']);
    expect(summary(result.copies)).toEqual([
      'deliver ann@contoso.example',
      'deliver bob@contoso.example',
      'deliver pat@fabrikam.example',
    ]);
    expect(result.expansions).toEqual([
      { envelopeRecipient: 'team@contoso.example', group: 'team@contoso.example', members: 3 },
    ]);
  });

  it('applies delivery restrictions with 5.7.1', async () => {
    const dir = new FakeDirectory()
      .add(recipient('boss', { acceptFromIds: ['ann'] }))
      .add(recipient('ann'))
      .add(recipient('bob'))
      .add(recipient('hr', { rejectFromIds: ['staff'] }))
      .add(recipient('staff', { kind: 'group', mailboxStoreId: null }))
      .add(recipient('internal', { kind: 'group', mailboxStoreId: null, requireAuthenticatedSenders: true }));
    dir.members.set('staff', ['bob']);
    dir.members.set('internal', ['ann']);
    const c = new Categorizer(dir, { maxHopCount: 15 });
    const fromAnn = message({
      authenticatedRecipientId: 'ann',
      entryPoint: 'submission',
      mailFrom: 'ann@contoso.example',
    });
    const fromBob = message({
      authenticatedRecipientId: 'bob',
      entryPoint: 'submission',
      mailFrom: 'bob@contoso.example',
    });
    const anonymous = message();
    expect(summary((await c.categorize(fromAnn, ['boss@contoso.example'])).copies)).toEqual([
      'deliver boss@contoso.example',
    ]);
    expect(summary((await c.categorize(fromBob, ['boss@contoso.example'])).copies)).toEqual([
      'fail boss@contoso.example 5.7.1',
    ]);
    // Bob is refused as a member of a listed group; Ann is not on the list.
    expect(summary((await c.categorize(fromBob, ['hr@contoso.example'])).copies)).toEqual([
      'fail hr@contoso.example 5.7.1',
    ]);
    expect(summary((await c.categorize(fromAnn, ['hr@contoso.example'])).copies)).toEqual([
      'deliver hr@contoso.example',
    ]);
    expect(summary((await c.categorize(anonymous, ['internal@contoso.example'])).copies)).toEqual([
      'fail internal@contoso.example 5.7.1',
    ]);
    expect(summary((await c.categorize(fromBob, ['internal@contoso.example'])).copies)).toEqual([
      'deliver ann@contoso.example',
    ]);
    const failure = (await c.categorize(fromBob, ['boss@contoso.example'])).copies[0];
    expect(failure).toMatchObject({ outcome: 'fail', diagnostic: 'boss accepts messages only from selected senders' });
  });

  it('looks the envelope sender up only for a recipient with an accept or reject list, once per message', async () => {
    const dir = new FakeDirectory()
      .add(recipient('boss', { acceptFromIds: ['ann'] }))
      .add(recipient('hr', { rejectFromIds: ['ann'] }))
      .add(recipient('ann'))
      .add(recipient('cyd'));
    const resolve = vi.spyOn(dir, 'resolve');
    const c = new Categorizer(dir, { maxHopCount: 15 });
    const fromAnn = message({ mailFrom: 'ann@contoso.example' });
    expect(summary((await c.categorize(fromAnn, ['cyd@contoso.example'])).copies)).toEqual([
      'deliver cyd@contoso.example',
    ]);
    expect(resolve.mock.calls.map(([a]) => a)).toEqual(['cyd@contoso.example']);
    resolve.mockClear();
    expect(summary((await c.categorize(fromAnn, ['boss@contoso.example', 'hr@contoso.example'])).copies)).toEqual([
      'deliver boss@contoso.example',
      'fail hr@contoso.example 5.7.1',
    ]);
    expect(resolve.mock.calls.filter(([a]) => a === 'ann@contoso.example')).toHaveLength(1);
    expect(
      summary((await c.categorize(message({ mailFrom: 'eve@fabrikam.example' }), ['boss@contoso.example'])).copies),
    ).toEqual(['fail boss@contoso.example 5.7.1']);
  });

  it('enforces the receive size limit with 5.2.3', async () => {
    const dir = new FakeDirectory().add(recipient('small', { maxReceiveSizeKb: 5 })).add(recipient('big'));
    const c = new Categorizer(dir, { maxHopCount: 15 });
    const result = await c.categorize(message({ size: 6 * 1024 }), ['small@contoso.example', 'big@contoso.example']);
    expect(summary(result.copies)).toEqual(['deliver big@contoso.example', 'fail small@contoso.example 5.2.3']);
  });

  it('forwards, to the forwarding address only or to both', async () => {
    const dir = new FakeDirectory()
      .add(recipient('away', { forwardingRecipientId: 'deputy' }))
      .add(recipient('both', { forwardingRecipientId: 'outside', deliverAndForward: true }))
      .add(recipient('deputy'))
      .add(recipient('outside', { kind: 'contact', mailboxStoreId: null, targetAddress: 'me@home.example' }));
    const c = new Categorizer(dir, { maxHopCount: 15 });
    expect(summary((await c.categorize(message(), ['away@contoso.example'])).copies)).toEqual([
      'deliver deputy@contoso.example',
    ]);
    expect(summary((await c.categorize(message(), ['both@contoso.example'])).copies)).toEqual([
      'deliver both@contoso.example',
      'deliver me@home.example',
    ]);
  });

  it('reports forwarding in a circle as a loop (5.4.6) unless someone keeps a copy', async () => {
    const dir = new FakeDirectory()
      .add(recipient('a', { forwardingRecipientId: 'b' }))
      .add(recipient('b', { forwardingRecipientId: 'a' }))
      .add(recipient('c', { forwardingRecipientId: 'd', deliverAndForward: true }))
      .add(recipient('d', { forwardingRecipientId: 'c' }));
    const c = new Categorizer(dir, { maxHopCount: 15 });
    expect(summary((await c.categorize(message(), ['a@contoso.example'])).copies)).toEqual([
      'fail a@contoso.example 5.4.6',
    ]);
    expect(summary((await c.categorize(message(), ['c@contoso.example'])).copies)).toEqual([
      'deliver c@contoso.example',
    ]);
  });

  it('stops messages that passed too many servers (5.4.6)', async () => {
    const result = await categorizer.categorize(message({ hopCount: 16 }), ['ann@contoso.example']);
    expect(summary(result.copies)).toEqual(['fail ann@contoso.example 5.4.6']);
  });

  it('posts to mail-enabled public folders by the sender’s folder permissions (Anonymous for outside mail)', async () => {
    const dir = new FakeDirectory().add(recipient('ann')).add(recipient('bob'));
    dir.folders.set('news@contoso.example', { id: 'news', posters: ['anonymous', 'default'], publicStoreId: 'pub1' });
    dir.folders.set('board@contoso.example', { id: 'board', posters: ['ann'], publicStoreId: 'pub1' });
    dir.folders.set('orphan@contoso.example', { id: 'orphan', posters: ['anonymous'], publicStoreId: null });
    const c = new Categorizer(dir, { maxHopCount: 15 });
    const outside = await c.categorize(message(), [
      'news@contoso.example',
      'NEWS@contoso.example',
      'board@contoso.example',
      'orphan@contoso.example',
    ]);
    expect(outside.copies[0]).toEqual({
      outcome: 'deliver',
      envelopeRecipient: 'news@contoso.example',
      address: 'news@contoso.example',
      destination: { kind: 'public-folder', publicFolderId: 'news', publicStoreId: 'pub1', recipientId: null },
    });
    // One item per folder however often it is addressed; Anonymous may not post to the board (5.7.1).
    expect(summary(outside.copies)).toEqual([
      'deliver news@contoso.example',
      'fail board@contoso.example 5.7.1',
      'fail orphan@contoso.example 5.2.1',
    ]);
    const fromAnn = await c.categorize(message({ authenticatedRecipientId: 'ann' }), ['board@contoso.example']);
    expect(summary(fromAnn.copies)).toEqual(['deliver board@contoso.example']);
    const fromBob = await c.categorize(message({ authenticatedRecipientId: 'bob' }), ['board@contoso.example']);
    expect(summary(fromBob.copies)).toEqual(['fail board@contoso.example 5.7.1']);
  });

  it('delivers to hidden recipients like any other', async () => {
    const dir = new FakeDirectory().add(recipient('ghost', { hiddenFromAddressLists: true }));
    const result = await new Categorizer(dir, { maxHopCount: 15 }).categorize(message(), ['ghost@contoso.example']);
    expect(summary(result.copies)).toEqual(['deliver ghost@contoso.example']);
  });
});
