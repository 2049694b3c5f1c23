import { Injectable, inject } from '@angular/core';
import type {
  InformationStoreDto,
  RecipientContainerDto,
  RecipientFilter,
  ServerDto,
  VirtualServerDto,
} from '@estafette/contracts';
import { AddressBookApi } from '../../../core/api/address-book.api';
import { OrganizationApi } from '../../../core/api/organization.api';
import { PublicFoldersApi } from '../../../core/api/public-folders.api';
import { RecipientsApi } from '../../../core/api/recipients.api';
import { TopologyApi } from '../../../core/api/topology.api';
import { ROOT_PATH, nodePath, type NodeRef } from '../../../core/navigation/node-path';
import type { IconName } from '../../../shared/ui/icon.component';
import { describeFilter } from '../../../shared/format/filter-text';
import { kb, protocolLabel, storeKindLabel } from '../../../shared/format/labels';
import type { DetailRow, DetailsModel, TreeNode } from './console-node.model';

function node(ref: NodeRef, label: string, icon: IconName, leaf = false): TreeNode {
  return { path: nodePath(ref), ref, label, icon, leaf };
}

function byName<T extends { name: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.name.localeCompare(b.name));
}

function navRow(child: TreeNode, ...cells: string[]): DetailRow {
  return { key: child.path, icon: child.icon, cells: [child.label, ...cells], path: child.path, leaf: child.leaf };
}

function model(partial: Partial<DetailsModel> & Pick<DetailsModel, 'columns' | 'rows'>): DetailsModel {
  return { empty: 'There are no items to show in this view.', newActions: [], sheet: null, summary: false, ...partial };
}

const SUMMARY_COLUMNS = [{ label: 'Property', width: '40%' }, { label: 'Value' }];

function summaryRow(key: string, value: string, sheetRow: Pick<DetailRow, 'sheet'>): DetailRow {
  return { key, icon: 'property', cells: [key, value], ...sheetRow };
}

export function storeIcon(store: InformationStoreDto): IconName {
  if (!store.mounted) return 'store-dismounted';
  return store.kind === 'mailbox' ? 'mailbox-store' : 'public-store';
}

function filterOf(filter: RecipientFilter | null): string {
  return filter ? describeFilter(filter) : '';
}

/**
 * What each kind of node holds: its children in the tree and the table the
 * details pane shows for it. All data comes from the REST API services.
 */
@Injectable({ providedIn: 'root' })
export class ConsoleNodes {
  private readonly topology = inject(TopologyApi);
  private readonly recipients = inject(RecipientsApi);
  private readonly addressBook = inject(AddressBookApi);
  private readonly folders = inject(PublicFoldersApi);
  private readonly organization = inject(OrganizationApi);

  rootNode(label = 'Organization'): TreeNode {
    return { path: ROOT_PATH, ref: { kind: 'organization' }, label, icon: 'organization', leaf: false };
  }

  async rootLabel(): Promise<string> {
    return (await this.organization.get()).name;
  }

  async children(parent: TreeNode): Promise<TreeNode[]> {
    const ref = parent.ref;
    switch (ref.kind) {
      case 'organization':
        return [
          node({ kind: 'global-settings' }, 'Global Settings', 'settings'),
          node({ kind: 'recipients' }, 'Recipients', 'recipients'),
          node({ kind: 'administrative-groups' }, 'Administrative Groups', 'folder'),
          node({ kind: 'folders' }, 'Folders', 'folder'),
          node({ kind: 'tools' }, 'Tools', 'tools'),
        ];
      case 'global-settings':
        return [node({ kind: 'message-delivery' }, 'Message Delivery', 'envelope', true)];
      case 'recipients':
        return [
          node({ kind: 'recipient-policies' }, 'Recipient Policies', 'policy', true),
          node({ kind: 'address-lists' }, 'All Address Lists', 'address-list'),
          node({ kind: 'recipient-containers' }, 'Recipient Containers', 'folder'),
        ];
      case 'address-lists':
        return byName(await this.addressBook.lists()).map((l) =>
          node({ kind: 'address-list', listId: l.id }, l.name, 'address-list', true),
        );
      case 'recipient-containers':
      case 'recipient-container': {
        const parentIds = ref.kind === 'recipient-container' ? ref.containerIds : [];
        return this.containerNodes(await this.recipients.containers(), parentIds);
      }
      case 'administrative-groups':
        return byName(await this.topology.administrativeGroups()).map((g) =>
          node({ kind: 'administrative-group', groupId: g.id }, g.name, 'admin-group'),
        );
      case 'administrative-group':
        return [
          node({ kind: 'servers', groupId: ref.groupId }, 'Servers', 'folder'),
          node({ kind: 'routing-groups', groupId: ref.groupId }, 'Routing Groups', 'folder'),
        ];
      case 'servers':
        return byName(await this.topology.servers())
          .filter((s) => s.administrativeGroupId === ref.groupId)
          .map((s) => node({ kind: 'server', groupId: ref.groupId, serverId: s.id }, s.name, 'server'));
      case 'server': {
        const groups = byName(await this.topology.storageGroups(ref.serverId));
        return [
          ...groups.map((g) => node({ ...ref, kind: 'storage-group', storageGroupId: g.id }, g.name, 'storage-group')),
          node({ kind: 'protocols', groupId: ref.groupId, serverId: ref.serverId }, 'Protocols', 'protocols'),
        ];
      }
      case 'protocols':
        return this.sortVirtualServers(await this.topology.virtualServers(ref.serverId)).map((v) =>
          node({ ...ref, kind: 'virtual-server', virtualServerId: v.id }, v.name, 'virtual-server', true),
        );
      case 'storage-group':
        return byName(await this.topology.storesOfGroup(ref.storageGroupId)).map((s) =>
          node({ ...ref, kind: 'store', storeId: s.id }, s.name, storeIcon(s), true),
        );
      case 'routing-groups':
        return byName(await this.topology.routingGroups())
          .filter((g) => g.administrativeGroupId === ref.groupId)
          .map((g) =>
            node({ kind: 'routing-group', groupId: ref.groupId, routingGroupId: g.id }, g.name, 'routing-group'),
          );
      case 'routing-group':
        return [
          node({ ...ref, kind: 'connectors' }, 'Connectors', 'folder', true),
          node({ ...ref, kind: 'members' }, 'Members', 'folder', true),
        ];
      case 'folders': {
        const root = await this.folders.root();
        return [node({ kind: 'public-folder', folderIds: [root.id] }, root.name, 'public-folder', !root.hasChildren)];
      }
      case 'public-folder': {
        const ids = ref.folderIds;
        const folders = await this.folders.children(ids[ids.length - 1]);
        return byName(folders).map((f) =>
          node({ kind: 'public-folder', folderIds: [...ids, f.id] }, f.name, 'public-folder', !f.hasChildren),
        );
      }
      case 'tools':
        return [
          node({ kind: 'message-tracking' }, 'Message Tracking Center', 'tracking', true),
          node({ kind: 'queues' }, 'Queues', 'queues', true),
          node({ kind: 'audit-log' }, 'Audit Log', 'audit', true),
        ];
      case 'message-delivery':
      case 'recipient-policies':
      case 'address-list':
      case 'virtual-server':
      case 'store':
      case 'connectors':
      case 'members':
      case 'audit-log':
      case 'queues':
      case 'message-tracking':
        return [];
    }
  }

  private containerNodes(all: RecipientContainerDto[], parentIds: string[]): TreeNode[] {
    const parentId = parentIds.length ? parentIds[parentIds.length - 1] : null;
    const hasChildren = new Set(all.map((c) => c.parentId));
    // Top level: the containers without a parent, plus any whose parent is not visible to this administrator.
    const known = new Set(all.map((c) => c.id));
    const children = all.filter((c) =>
      parentId === null ? c.parentId === null || !known.has(c.parentId) : c.parentId === parentId,
    );
    return byName(children).map((c) =>
      node(
        { kind: 'recipient-container', containerIds: [...parentIds, c.id] },
        c.name,
        'container',
        !hasChildren.has(c.id),
      ),
    );
  }

  private sortVirtualServers(items: VirtualServerDto[]): VirtualServerDto[] {
    return [...items].sort((a, b) => protocolLabel(a.protocol).localeCompare(protocolLabel(b.protocol)));
  }

  /** The table the details pane shows for a node. */
  async details(current: TreeNode): Promise<DetailsModel> {
    const ref = current.ref;
    switch (ref.kind) {
      case 'organization':
        return model({
          columns: [{ label: 'Name' }],
          rows: (await this.children(current)).map((c) => navRow(c)),
          sheet: { kind: 'organization', id: 'current' },
        });
      case 'global-settings':
        return model({
          columns: [{ label: 'Name', width: '40%' }, { label: 'Description' }],
          rows: [
            {
              ...navRow(
                node({ kind: 'message-delivery' }, 'Message Delivery', 'envelope', true),
                'Organisation-wide message size and recipient limits',
              ),
              sheet: { kind: 'organization', id: 'current' },
            },
          ],
        });
      case 'message-delivery': {
        const org = await this.organization.get();
        const sheet = { sheet: { kind: 'organization' as const, id: 'current' } };
        return model({
          columns: SUMMARY_COLUMNS,
          summary: true,
          sheet: sheet.sheet,
          rows: [
            summaryRow('Organisation', org.name, sheet),
            summaryRow('Maximum message size', kb(org.maxMessageSizeKb), sheet),
            summaryRow('Maximum recipients per message', org.maxRecipientsPerMessage.toLocaleString('en-US'), sheet),
          ],
        });
      }
      case 'recipients':
      case 'administrative-group':
      case 'routing-group':
      case 'tools':
        return model({ columns: [{ label: 'Name' }], rows: (await this.children(current)).map((c) => navRow(c)) });
      case 'recipient-policies': {
        const policies = [...(await this.recipients.policies())].sort((a, b) => a.priority - b.priority);
        return model({
          columns: [
            { label: 'Name', width: '30%' },
            { label: 'Priority', width: '12%' },
            { label: 'E-mail addresses' },
            { label: 'Filter' },
          ],
          rows: policies.map((p) => ({
            key: p.id,
            icon: 'policy' as const,
            cells: [
              p.name,
              p.isDefault ? 'Lowest' : String(p.priority),
              p.addressTemplates.map((t) => (t.primary ? `${t.template} (primary)` : t.template)).join(', '),
              p.isDefault ? 'All recipients' : filterOf(p.filter),
            ],
            sheet: { kind: 'recipient-policy' as const, id: p.id },
            remove: p.isDefault ? undefined : { type: 'recipient-policy' as const, id: p.id, name: p.name },
          })),
          newActions: [{ kind: 'recipient-policy', label: 'Recipient Policy…', parentId: null }],
        });
      }
      case 'address-lists': {
        const lists = byName(await this.addressBook.lists());
        return model({
          columns: [{ label: 'Name', width: '35%' }, { label: 'Type', width: '20%' }, { label: 'Filter' }],
          rows: lists.map((l) => ({
            key: l.id,
            icon: 'address-list' as const,
            cells: [
              l.name,
              l.system ? 'Built-in' : 'Custom',
              l.kind === 'custom' ? filterOf(l.filter) : 'Built-in rule',
            ],
            path: nodePath({ kind: 'address-list', listId: l.id }),
            sheet: { kind: 'address-list' as const, id: l.id },
            remove: l.system ? undefined : { type: 'address-list' as const, id: l.id, name: l.name },
          })),
          newActions: [{ kind: 'address-list', label: 'Address List…', parentId: null }],
        });
      }
      case 'recipient-containers': {
        const all = await this.recipients.containers();
        const byId = new Map(all.map((c) => [c.id, c]));
        return model({
          columns: [{ label: 'Name', width: '40%' }, { label: 'Description' }],
          rows: this.containerNodes(all, []).map((c) => {
            const container = c.ref.kind === 'recipient-container' ? byId.get(c.ref.containerIds[0]) : undefined;
            return {
              ...navRow(c, container?.description ?? ''),
              remove: container
                ? { type: 'recipient-container' as const, id: container.id, name: container.name }
                : undefined,
            };
          }),
          newActions: [{ kind: 'recipient-container', label: 'Container…', parentId: null }],
        });
      }
      case 'administrative-groups': {
        const groups = byName(await this.topology.administrativeGroups());
        return model({
          columns: [{ label: 'Name', width: '40%' }, { label: 'Description' }],
          rows: groups.map((g) =>
            navRow(node({ kind: 'administrative-group', groupId: g.id }, g.name, 'admin-group'), g.description),
          ),
        });
      }
      case 'servers': {
        const [servers, routingGroups] = await Promise.all([this.topology.servers(), this.topology.routingGroups()]);
        const rgName = new Map(routingGroups.map((g) => [g.id, g.name]));
        return model({
          columns: [
            { label: 'Name', width: '30%' },
            { label: 'Version', width: '15%' },
            { label: 'Routing group' },
            { label: 'Last started' },
          ],
          rows: byName(servers)
            .filter((s) => s.administrativeGroupId === ref.groupId)
            .map((s) => ({
              ...navRow(
                node({ kind: 'server', groupId: ref.groupId, serverId: s.id }, s.name, 'server'),
                s.version,
                rgName.get(s.routingGroupId) ?? '',
                s.lastStartedAt ? new Date(s.lastStartedAt).toLocaleString('en-GB') : 'Never',
              ),
              sheet: { kind: 'server' as const, id: s.id },
            })),
        });
      }
      case 'server': {
        const children = await this.children(current);
        return model({
          columns: [{ label: 'Name', width: '50%' }, { label: 'Type' }],
          rows: children.map((c) =>
            navRow(c, c.ref.kind === 'protocols' ? 'Protocol virtual servers' : 'Storage group'),
          ),
          sheet: { kind: 'server', id: ref.serverId },
        });
      }
      case 'protocols': {
        const servers = this.sortVirtualServers(await this.topology.virtualServers(ref.serverId));
        return model({
          columns: [
            { label: 'Name', width: '32%' },
            { label: 'Protocol', width: '12%' },
            { label: 'IP address' },
            { label: 'Port', width: '9%' },
            { label: 'TLS port', width: '10%' },
            { label: 'State', width: '11%' },
          ],
          rows: servers.map((v) => ({
            ...navRow(
              node({ ...ref, kind: 'virtual-server', virtualServerId: v.id }, v.name, 'virtual-server', true),
              protocolLabel(v.protocol),
              v.bindAddress || 'All unassigned',
              String(v.port),
              v.tlsPort === null ? '—' : String(v.tlsPort),
              v.enabled ? 'Running' : 'Stopped',
            ),
            sheet: { kind: 'virtual-server' as const, id: v.id },
          })),
        });
      }
      case 'virtual-server': {
        const v = await this.topology.virtualServer(ref.virtualServerId);
        const sheet = { sheet: { kind: 'virtual-server' as const, id: v.id } };
        return model({
          columns: SUMMARY_COLUMNS,
          summary: true,
          sheet: sheet.sheet,
          rows: [
            summaryRow('Name', v.name, sheet),
            summaryRow('Protocol', protocolLabel(v.protocol), sheet),
            summaryRow('IP address', v.bindAddress || 'All unassigned', sheet),
            summaryRow('TCP port', String(v.port), sheet),
            summaryRow('TLS port', v.tlsPort === null ? 'None' : String(v.tlsPort), sheet),
            summaryRow('State', v.enabled ? 'Running' : 'Stopped', sheet),
            summaryRow('Authentication', v.authMethods.join(', ') || 'None', sheet),
          ],
        });
      }
      case 'storage-group': {
        const stores = byName(await this.topology.storesOfGroup(ref.storageGroupId));
        return model({
          columns: [
            { label: 'Name', width: '34%' },
            { label: 'Type', width: '20%' },
            { label: 'State', width: '14%' },
            { label: 'Prohibit send at' },
          ],
          rows: stores.map((s) => ({
            ...navRow(
              node({ ...ref, kind: 'store', storeId: s.id }, s.name, storeIcon(s), true),
              storeKindLabel(s.kind),
              s.mounted ? 'Mounted' : 'Dismounted',
              s.prohibitSendKb === null ? 'No limit' : kb(s.prohibitSendKb),
            ),
            sheet: { kind: 'store' as const, id: s.id },
          })),
        });
      }
      case 'store':
        return this.storeSummary(await this.topology.store(ref.storeId));
      case 'routing-groups': {
        const [groups, servers] = await Promise.all([this.topology.routingGroups(), this.topology.servers()]);
        const serverName = new Map(servers.map((s) => [s.id, s.name]));
        return model({
          columns: [{ label: 'Name', width: '40%' }, { label: 'Master', width: '30%' }, { label: 'Members' }],
          rows: byName(groups)
            .filter((g) => g.administrativeGroupId === ref.groupId)
            .map((g) =>
              navRow(
                node({ kind: 'routing-group', groupId: ref.groupId, routingGroupId: g.id }, g.name, 'routing-group'),
                g.masterServerId ? (serverName.get(g.masterServerId) ?? '') : 'None',
                String(g.memberServerIds.length),
              ),
            ),
        });
      }
      case 'connectors': {
        const [rgcs, smtp, groups] = await Promise.all([
          this.topology.routingGroupConnectors(),
          this.topology.smtpConnectors(),
          this.topology.routingGroups(),
        ]);
        const groupName = new Map(groups.map((g) => [g.id, g.name]));
        const rows: DetailRow[] = [
          ...rgcs
            .filter((c) => c.sourceRoutingGroupId === ref.routingGroupId)
            .map((c) => ({
              key: c.id,
              icon: 'connector' as const,
              cells: [
                c.name,
                'Routing Group Connector',
                `To ${groupName.get(c.targetRoutingGroupId) ?? 'another routing group'}`,
                String(c.cost),
                c.enabled ? 'Enabled' : 'Disabled',
              ],
            })),
          ...smtp
            .filter((c) => c.routingGroupId === ref.routingGroupId)
            .map((c) => ({
              key: c.id,
              icon: 'connector' as const,
              cells: [
                c.name,
                'SMTP Connector',
                c.addressSpaces.map((a) => a.address).join(', ') + (c.smartHost ? ` via ${c.smartHost}` : ' via DNS'),
                c.addressSpaces.map((a) => a.cost).join(', '),
                c.enabled ? 'Enabled' : 'Disabled',
              ],
            })),
        ];
        return model({
          columns: [
            { label: 'Name', width: '28%' },
            { label: 'Type', width: '20%' },
            { label: 'Address space / target' },
            { label: 'Cost', width: '8%' },
            { label: 'State', width: '10%' },
          ],
          rows,
        });
      }
      case 'members': {
        const [servers, group] = await Promise.all([
          this.topology.servers(),
          this.topology.routingGroup(ref.routingGroupId),
        ]);
        const members = byName(servers).filter(
          (s: ServerDto) => s.routingGroupId === ref.routingGroupId || group.memberServerIds.includes(s.id),
        );
        return model({
          columns: [{ label: 'Name', width: '50%' }, { label: 'Role' }],
          rows: members.map((s) => ({
            key: s.id,
            icon: 'server' as const,
            cells: [s.name, s.id === group.masterServerId ? 'Master' : 'Member'],
            path: nodePath({ kind: 'server', groupId: s.administrativeGroupId, serverId: s.id }),
            sheet: { kind: 'server' as const, id: s.id },
          })),
        });
      }
      case 'folders': {
        const root = await this.folders.root();
        return model({
          columns: [{ label: 'Name', width: '40%' }, { label: 'Description' }],
          rows: [
            {
              ...navRow(
                node({ kind: 'public-folder', folderIds: [root.id] }, root.name, 'public-folder'),
                root.description,
              ),
              sheet: { kind: 'public-folder' as const, id: root.id },
            },
          ],
        });
      }
      case 'public-folder': {
        const ids = ref.folderIds;
        const parentId = ids[ids.length - 1];
        const folders = byName(await this.folders.children(parentId));
        return model({
          columns: [
            { label: 'Name', width: '30%' },
            { label: 'Mail-enabled', width: '14%' },
            { label: 'E-mail address' },
            { label: 'Description' },
          ],
          rows: folders.map((f) => ({
            ...navRow(
              node({ kind: 'public-folder', folderIds: [...ids, f.id] }, f.name, 'public-folder', !f.hasChildren),
              f.mailEnabled ? 'Yes' : 'No',
              f.primarySmtpAddress ?? '',
              f.description,
            ),
            sheet: { kind: 'public-folder' as const, id: f.id },
            remove: { type: 'public-folder' as const, id: f.id, name: f.name },
          })),
          newActions: [{ kind: 'public-folder', label: 'Public Folder…', parentId }],
          sheet: { kind: 'public-folder', id: parentId },
          empty: 'This folder has no subfolders.',
        });
      }
      case 'address-list':
      case 'recipient-container':
      case 'audit-log':
      case 'queues':
      case 'message-tracking':
        // These nodes have views of their own (entries, recipients, the audit log).
        return model({ columns: [{ label: 'Name' }], rows: [] });
    }
  }

  private storeSummary(s: InformationStoreDto): DetailsModel {
    const sheet = { sheet: { kind: 'store' as const, id: s.id } };
    const limit = (value: number | null) => (value === null ? 'No limit' : kb(value));
    return model({
      columns: SUMMARY_COLUMNS,
      summary: true,
      sheet: sheet.sheet,
      rows: [
        summaryRow('Name', s.name, sheet),
        summaryRow('Type', storeKindLabel(s.kind), sheet),
        summaryRow('State', s.mounted ? 'Mounted' : 'Dismounted', sheet),
        summaryRow('Issue warning at', limit(s.issueWarningKb), sheet),
        summaryRow('Prohibit send at', limit(s.prohibitSendKb), sheet),
        summaryRow('Prohibit send and receive at', limit(s.prohibitSendReceiveKb), sheet),
        summaryRow('Keep deleted items for', `${s.deletedItemRetentionDays} days`, sheet),
      ],
    });
  }
}
