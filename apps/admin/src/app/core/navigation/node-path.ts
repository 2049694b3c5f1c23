/**
 * Every node of the System Manager tree has a path, and that path is also the
 * console's route: selecting a node navigates to it, and a deep link (or a
 * reload) names the node to reveal. Every prefix of a path that parses is an
 * ancestor of it.
 */
export type NodeRef =
  | { kind: 'organization' }
  | { kind: 'global-settings' }
  | { kind: 'message-delivery' }
  | { kind: 'recipients' }
  | { kind: 'recipient-policies' }
  | { kind: 'address-lists' }
  | { kind: 'address-list'; listId: string }
  | { kind: 'recipient-containers' }
  | { kind: 'recipient-container'; containerIds: string[] }
  | { kind: 'administrative-groups' }
  | { kind: 'administrative-group'; groupId: string }
  | { kind: 'servers'; groupId: string }
  | { kind: 'server'; groupId: string; serverId: string }
  | { kind: 'protocols'; groupId: string; serverId: string }
  | { kind: 'virtual-server'; groupId: string; serverId: string; virtualServerId: string }
  | { kind: 'storage-group'; groupId: string; serverId: string; storageGroupId: string }
  | { kind: 'store'; groupId: string; serverId: string; storageGroupId: string; storeId: string }
  | { kind: 'routing-groups'; groupId: string }
  | { kind: 'routing-group'; groupId: string; routingGroupId: string }
  | { kind: 'connectors'; groupId: string; routingGroupId: string }
  | { kind: 'members'; groupId: string; routingGroupId: string }
  | { kind: 'folders' }
  | { kind: 'public-folder'; folderIds: string[] }
  | { kind: 'tools' }
  | { kind: 'audit-log' }
  | { kind: 'queues' }
  | { kind: 'message-tracking' };

export type NodeKind = NodeRef['kind'];

export const ROOT_PATH = 'organization';

const TOP_LEVEL: Readonly<Record<string, NodeRef>> = {
  organization: { kind: 'organization' },
  'global-settings': { kind: 'global-settings' },
  recipients: { kind: 'recipients' },
  'admin-groups': { kind: 'administrative-groups' },
  folders: { kind: 'folders' },
  tools: { kind: 'tools' },
};

const TOOLS: Readonly<Record<string, NodeRef>> = {
  audit: { kind: 'audit-log' },
  queues: { kind: 'queues' },
  tracking: { kind: 'message-tracking' },
};

function parseServer(groupId: string, serverId: string, rest: string[]): NodeRef | null {
  if (rest.length === 0) return { kind: 'server', groupId, serverId };
  const [section, id, storeId, ...more] = rest;
  if (section === 'protocols') {
    if (id === undefined) return { kind: 'protocols', groupId, serverId };
    return storeId === undefined ? { kind: 'virtual-server', groupId, serverId, virtualServerId: id } : null;
  }
  if (section === 'storage-groups' && id !== undefined && more.length === 0) {
    return storeId === undefined
      ? { kind: 'storage-group', groupId, serverId, storageGroupId: id }
      : { kind: 'store', groupId, serverId, storageGroupId: id, storeId };
  }
  return null;
}

function parseAdministrativeGroup(groupId: string, rest: string[]): NodeRef | null {
  if (rest.length === 0) return { kind: 'administrative-group', groupId };
  const [section, id, sub, ...more] = rest;
  if (section === 'servers') {
    if (id === undefined) return { kind: 'servers', groupId };
    return parseServer(groupId, id, sub === undefined ? [] : [sub, ...more]);
  }
  if (section === 'routing-groups') {
    if (id === undefined) return { kind: 'routing-groups', groupId };
    if (more.length > 0) return null;
    if (sub === undefined) return { kind: 'routing-group', groupId, routingGroupId: id };
    if (sub === 'connectors') return { kind: 'connectors', groupId, routingGroupId: id };
    if (sub === 'members') return { kind: 'members', groupId, routingGroupId: id };
  }
  return null;
}

export function splitPath(path: string): string[] {
  return path
    .split('?')[0]
    .split('#')[0]
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => decodeURIComponent(s));
}

export function parseNodePath(path: string): NodeRef | null {
  const segments = splitPath(path);
  const [head, ...rest] = segments;
  if (head === undefined) return null;
  if (rest.length === 0) return TOP_LEVEL[head] ?? null;
  switch (head) {
    case 'global-settings':
      return rest.length === 1 && rest[0] === 'message-delivery' ? { kind: 'message-delivery' } : null;
    case 'recipients': {
      const [section, ...ids] = rest;
      if (section === 'policies') return ids.length === 0 ? { kind: 'recipient-policies' } : null;
      if (section === 'address-lists') {
        if (ids.length === 0) return { kind: 'address-lists' };
        return ids.length === 1 ? { kind: 'address-list', listId: ids[0] } : null;
      }
      if (section === 'containers') {
        return ids.length === 0 ? { kind: 'recipient-containers' } : { kind: 'recipient-container', containerIds: ids };
      }
      return null;
    }
    case 'admin-groups':
      return parseAdministrativeGroup(rest[0], rest.slice(1));
    case 'folders':
      return { kind: 'public-folder', folderIds: rest };
    case 'tools':
      if (rest.length !== 1) return null;
      return TOOLS[rest[0]] ?? null;
    default:
      return null;
  }
}

function join(...segments: string[]): string {
  return segments.map((s) => encodeURIComponent(s)).join('/');
}

export function nodePath(ref: NodeRef): string {
  switch (ref.kind) {
    case 'organization':
      return 'organization';
    case 'global-settings':
      return 'global-settings';
    case 'message-delivery':
      return 'global-settings/message-delivery';
    case 'recipients':
      return 'recipients';
    case 'recipient-policies':
      return 'recipients/policies';
    case 'address-lists':
      return 'recipients/address-lists';
    case 'address-list':
      return join('recipients', 'address-lists', ref.listId);
    case 'recipient-containers':
      return 'recipients/containers';
    case 'recipient-container':
      return join('recipients', 'containers', ...ref.containerIds);
    case 'administrative-groups':
      return 'admin-groups';
    case 'administrative-group':
      return join('admin-groups', ref.groupId);
    case 'servers':
      return join('admin-groups', ref.groupId, 'servers');
    case 'server':
      return join('admin-groups', ref.groupId, 'servers', ref.serverId);
    case 'protocols':
      return join('admin-groups', ref.groupId, 'servers', ref.serverId, 'protocols');
    case 'virtual-server':
      return join('admin-groups', ref.groupId, 'servers', ref.serverId, 'protocols', ref.virtualServerId);
    case 'storage-group':
      return join('admin-groups', ref.groupId, 'servers', ref.serverId, 'storage-groups', ref.storageGroupId);
    case 'store':
      return join(
        'admin-groups',
        ref.groupId,
        'servers',
        ref.serverId,
        'storage-groups',
        ref.storageGroupId,
        ref.storeId,
      );
    case 'routing-groups':
      return join('admin-groups', ref.groupId, 'routing-groups');
    case 'routing-group':
      return join('admin-groups', ref.groupId, 'routing-groups', ref.routingGroupId);
    case 'connectors':
      return join('admin-groups', ref.groupId, 'routing-groups', ref.routingGroupId, 'connectors');
    case 'members':
      return join('admin-groups', ref.groupId, 'routing-groups', ref.routingGroupId, 'members');
    case 'folders':
      return 'folders';
    case 'public-folder':
      return join('folders', ...ref.folderIds);
    case 'tools':
      return 'tools';
    case 'audit-log':
      return 'tools/audit';
    case 'queues':
      return 'tools/queues';
    case 'message-tracking':
      return 'tools/tracking';
  }
}

/** The path of the parent node; top-level containers hang off the organisation. */
export function parentPath(path: string): string | null {
  const segments = splitPath(path);
  if (segments.length === 0 || (segments.length === 1 && segments[0] === ROOT_PATH)) return null;
  for (let n = segments.length - 1; n > 0; n--) {
    const candidate = segments
      .slice(0, n)
      .map((s) => encodeURIComponent(s))
      .join('/');
    if (parseNodePath(candidate)) return candidate;
  }
  return ROOT_PATH;
}

/** Root first, the node itself last. */
export function ancestry(path: string): string[] {
  const chain: string[] = [];
  for (let p: string | null = path; p !== null; p = parentPath(p)) chain.unshift(p);
  return chain;
}

/** Route matcher helper: the URL of a node as the router hands it over. */
export function normalisePath(url: string): string {
  return splitPath(url)
    .map((s) => encodeURIComponent(s))
    .join('/');
}
