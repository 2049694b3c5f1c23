import { addressKey } from '@estafette/mime';
import { describe, expect, it } from 'vitest';
import type { RecipientEntity } from '../entities/recipient.entity';
import type { RecipientPolicyEntity } from '../entities/recipient-policy.entity';
import type { AddressOwnerRow, MailRoutingRepository } from './mail-routing.repository';
import { RecipientResolver } from './recipient-resolver.service';

function recipient(id: string, extra: Partial<RecipientEntity> = {}): RecipientEntity {
  return { id, kind: 'user', displayName: id, sendAsIds: [], sendOnBehalfIds: [], ...extra } as RecipientEntity;
}

/** The repository's answers from plain maps: the resolver's rules are tested without a database. */
class FakeRepository {
  addresses = new Map<string, AddressOwnerRow>();
  recipients = new Map<string, RecipientEntity>();
  groups = new Map<string, string[]>();
  policies: RecipientPolicyEntity[] = [
    {
      id: 'p',
      name: 'Default Policy',
      priority: 1,
      isDefault: true,
      filter: null,
      addressTemplates: [
        { template: '%m@test.example', primary: true },
        { template: '%m@xn--bcher-kva.example', primary: false },
      ],
    } as RecipientPolicyEntity,
  ];
  async findAddressOwner(key: string) {
    return this.addresses.get(key) ?? null;
  }
  async findRecipient(id: string) {
    return this.recipients.get(id) ?? null;
  }
  async findRecipientByAddress(key: string) {
    const owner = this.addresses.get(key);
    const recipient = owner?.recipientId ? this.recipients.get(owner.recipientId) : undefined;
    return owner && recipient ? { address: owner.address, recipient } : null;
  }
  async findRecipientsByAddresses(keys: readonly string[]) {
    return Promise.all(keys.map((key) => this.findRecipientByAddress(key)));
  }
  async findPolicies() {
    return this.policies;
  }
  async findGroupsContaining(id: string) {
    return this.groups.get(id) ?? [];
  }
  administrator: RecipientEntity | null = null;
  async findFirstFullAdministrator() {
    return this.administrator;
  }
  add(address: string, owner: Partial<AddressOwnerRow>) {
    this.addresses.set(addressKey(address), { address, recipientId: null, publicFolderId: null, ...owner });
  }
}

function setup() {
  const repo = new FakeRepository();
  repo.recipients.set('alice', recipient('alice'));
  repo.recipients.set('boss', recipient('boss', { sendOnBehalfIds: ['alice'], sendAsIds: ['admins'] }));
  repo.add('Alice.Smith@test.example', { recipientId: 'alice' });
  repo.add('boss@test.example', { recipientId: 'boss' });
  repo.add('news@test.example', { publicFolderId: 'folder-1' });
  repo.add('jane@xn--bcher-kva.example', { recipientId: 'alice' });
  return { repo, resolver: new RecipientResolver(repo as unknown as MailRoutingRepository) };
}

describe('RecipientResolver', () => {
  it('finds an owner by any address, whatever the case or the IDN form', async () => {
    const { resolver } = setup();
    expect(await resolver.resolve('alice.smith@TEST.EXAMPLE')).toMatchObject({
      kind: 'recipient',
      recipient: { id: 'alice' },
    });
    expect(await resolver.resolve('<Alice.Smith@test.example>')).toMatchObject({
      kind: 'recipient',
      address: 'Alice.Smith@test.example',
    });
    expect(await resolver.resolve('jane@Bücher.example')).toMatchObject({ recipient: { id: 'alice' } });
    expect(await resolver.resolve('news@test.example')).toEqual({
      kind: 'public-folder',
      address: 'news@test.example',
      publicFolderId: 'folder-1',
    });
    expect(await resolver.resolve('nobody@test.example')).toBeNull();
    expect(await resolver.resolve('postmaster')).toBeNull();
  });

  it('sends bare postmaster and postmaster@ of every authoritative domain to one postmaster (RFC 5321 §4.5.1)', async () => {
    const { repo, resolver } = setup();
    // Nobody configured: the first full administrator.
    repo.administrator = recipient('admin', { primarySmtpAddress: 'administrator@test.example' });
    for (const address of ['postmaster', '<Postmaster>', 'POSTMASTER@test.example', 'postmaster@bücher.example'])
      expect(await resolver.resolve(address), address).toMatchObject({
        kind: 'recipient',
        address: 'administrator@test.example',
        recipient: { id: 'admin' },
      });
    expect(await resolver.resolve('postmaster@elsewhere.example')).toBeNull();
    expect(await resolver.resolve('postmistress')).toBeNull();
    // A postmaster address given to somebody (here in the secondary domain) takes over, for both forms.
    repo.recipients.set('ops', recipient('ops'));
    repo.add('postmaster@xn--bcher-kva.example', { recipientId: 'ops' });
    expect(await resolver.resolve('postmaster')).toMatchObject({ recipient: { id: 'ops' } });
    expect(await resolver.resolve('postmaster@test.example')).toMatchObject({ recipient: { id: 'ops' } });
    // One in the default policy's primary domain wins over it.
    repo.add('postmaster@test.example', { recipientId: 'boss' });
    expect(await resolver.resolve('Postmaster')).toMatchObject({ recipient: { id: 'boss' } });
    expect(await resolver.resolve('postmaster@bücher.example')).toMatchObject({ recipient: { id: 'ops' } });
  });

  it('lists the authoritative domains from the policy templates', async () => {
    const { resolver } = setup();
    expect(await resolver.authoritativeDomains()).toEqual(['test.example', 'xn--bcher-kva.example']);
    expect(await resolver.isAuthoritative('TEST.example')).toBe(true);
    expect(await resolver.isAuthoritative('someone@bücher.example')).toBe(true);
    expect(await resolver.isAuthoritative('other.example')).toBe(false);
    expect(await resolver.isAuthoritative('root@[192.0.2.1]')).toBe(false);
  });

  it('decides own, Send As (also through a group) and Send on Behalf', async () => {
    const { repo, resolver } = setup();
    expect(await resolver.canSendAs('alice', 'ALICE.SMITH@test.example')).toBe('own');
    expect(await resolver.canSendAs('alice', 'boss@test.example')).toBe('send-on-behalf');
    repo.recipients.set('carol', recipient('carol'));
    repo.groups.set('carol', ['admins']);
    expect(await resolver.canSendAs('carol', 'boss@test.example')).toBe('send-as');
    expect(await resolver.canSendAs('carol', 'alice.smith@test.example')).toBeNull();
    expect(await resolver.canSendAs('alice', 'news@test.example')).toBeNull();
    expect(await resolver.canSendAs('alice', 'someone@elsewhere.example')).toBeNull();
  });
});
