import { describe, expect, it } from 'vitest';
import { ancestry, nodePath, parentPath, parseNodePath, type NodeRef } from './node-path';

const REFS: NodeRef[] = [
  { kind: 'organization' },
  { kind: 'global-settings' },
  { kind: 'message-delivery' },
  { kind: 'recipients' },
  { kind: 'recipient-policies' },
  { kind: 'address-lists' },
  { kind: 'address-list', listId: 'l1' },
  { kind: 'recipient-containers' },
  { kind: 'recipient-container', containerIds: ['c1', 'c2'] },
  { kind: 'administrative-groups' },
  { kind: 'administrative-group', groupId: 'g' },
  { kind: 'servers', groupId: 'g' },
  { kind: 'server', groupId: 'g', serverId: 's' },
  { kind: 'protocols', groupId: 'g', serverId: 's' },
  { kind: 'virtual-server', groupId: 'g', serverId: 's', virtualServerId: 'v' },
  { kind: 'storage-group', groupId: 'g', serverId: 's', storageGroupId: 'sg' },
  { kind: 'store', groupId: 'g', serverId: 's', storageGroupId: 'sg', storeId: 'st' },
  { kind: 'routing-groups', groupId: 'g' },
  { kind: 'routing-group', groupId: 'g', routingGroupId: 'r' },
  { kind: 'connectors', groupId: 'g', routingGroupId: 'r' },
  { kind: 'members', groupId: 'g', routingGroupId: 'r' },
  { kind: 'folders' },
  { kind: 'public-folder', folderIds: ['root', 'f1'] },
  { kind: 'tools' },
  { kind: 'audit-log' },
  { kind: 'queues' },
  { kind: 'message-tracking' },
];

describe('node paths', () => {
  it.each(REFS.map((ref) => [ref.kind, ref] as const))('%s survives path and parse', (_kind, ref) => {
    expect(parseNodePath(nodePath(ref))).toEqual(ref);
  });

  it('rejects paths that name no node', () => {
    for (const path of [
      '',
      'nowhere',
      'recipients/unknown',
      'admin-groups/g/servers/s/storage-groups',
      'tools/x',
      'global-settings/x',
    ]) {
      expect(parseNodePath(path)).toBeNull();
    }
  });

  it('hangs storage groups directly off their server (no "Storage Groups" container)', () => {
    expect(parentPath('admin-groups/g/servers/s/storage-groups/sg')).toBe('admin-groups/g/servers/s');
    expect(parentPath('admin-groups/g/servers/s/storage-groups/sg/st')).toBe(
      'admin-groups/g/servers/s/storage-groups/sg',
    );
  });

  it('puts the top-level containers under the organisation', () => {
    expect(parentPath('recipients')).toBe('organization');
    expect(parentPath('organization')).toBeNull();
    expect(ancestry('recipients/containers/c1/c2')).toEqual([
      'organization',
      'recipients',
      'recipients/containers',
      'recipients/containers/c1',
      'recipients/containers/c1/c2',
    ]);
  });

  it('encodes and decodes ids that are not URL-safe', () => {
    const ref: NodeRef = { kind: 'address-list', listId: 'a b/c' };
    expect(nodePath(ref)).toBe('recipients/address-lists/a%20b%2Fc');
    expect(parseNodePath(nodePath(ref))).toEqual(ref);
  });
});
