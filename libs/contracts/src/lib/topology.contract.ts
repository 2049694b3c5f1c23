/** Organisation topology as the REST API and the web apps see it. No runtime dependencies. */

export interface OrganizationDto {
  id: string;
  name: string;
  maxMessageSizeKb: number;
  maxRecipientsPerMessage: number;
}

export interface UpdateOrganizationRequest {
  name?: string;
  maxMessageSizeKb?: number;
  maxRecipientsPerMessage?: number;
}

export interface AdministrativeGroupDto {
  id: string;
  name: string;
  description: string;
}

export interface RoutingGroupDto {
  id: string;
  name: string;
  administrativeGroupId: string;
  masterServerId: string | null;
  memberServerIds: string[];
}

export interface ServerDto {
  id: string;
  name: string;
  administrativeGroupId: string;
  routingGroupId: string;
  version: string;
  lastStartedAt: string | null;
}

export interface AddressSpace {
  /** Only SMTP address spaces for now. */
  type: 'SMTP';
  /** A domain pattern: `*`, `example.com`, `*.example.com`. */
  address: string;
  cost: number;
}

export type ConnectorScope = 'organization' | 'routing-group';
export const CONNECTOR_SCOPES: readonly ConnectorScope[] = ['organization', 'routing-group'];

export interface RoutingGroupConnectorDto {
  id: string;
  name: string;
  sourceRoutingGroupId: string;
  targetRoutingGroupId: string;
  cost: number;
  sourceBridgeheadIds: string[];
  targetBridgeheadIds: string[];
  enabled: boolean;
}

export interface SmtpConnectorDto {
  id: string;
  name: string;
  routingGroupId: string;
  addressSpaces: AddressSpace[];
  /** Null: deliver by DNS MX lookup. */
  smartHost: string | null;
  scope: ConnectorScope;
  bridgeheadServerIds: string[];
  maxMessageSizeKb: number | null;
  enabled: boolean;
}

export interface StorageGroupDto {
  id: string;
  serverId: string;
  name: string;
}

export type StoreKind = 'mailbox' | 'public';
export const STORE_KINDS: readonly StoreKind[] = ['mailbox', 'public'];

export interface InformationStoreDto {
  id: string;
  storageGroupId: string;
  /** The server of the storage group (denormalised for listings). */
  serverId: string;
  kind: StoreKind;
  name: string;
  issueWarningKb: number | null;
  prohibitSendKb: number | null;
  prohibitSendReceiveKb: number | null;
  deletedItemRetentionDays: number;
  mounted: boolean;
  /** Mailboxes homed on this store (always 0 for a public folder store). */
  mailboxCount: number;
}

export type ProtocolName = 'smtp' | 'pop3' | 'imap4' | 'nntp' | 'ldap' | 'http';
export const PROTOCOL_NAMES: readonly ProtocolName[] = ['smtp', 'pop3', 'imap4', 'nntp', 'ldap', 'http'];

export type AuthMethod = 'anonymous' | 'basic' | 'plain' | 'login' | 'integrated';
export const AUTH_METHODS: readonly AuthMethod[] = ['anonymous', 'basic', 'plain', 'login', 'integrated'];

export interface SmtpRelayRestrictions {
  /** Relay for authenticated clients (submission). */
  allowAuthenticatedRelay: boolean;
  /** Client addresses or CIDR ranges allowed to relay without authentication. */
  relayFrom: string[];
}

export interface VirtualServerSettings {
  relay?: SmtpRelayRestrictions;
  maxMessageSizeKb?: number;
  maxRecipients?: number;
  maxConnections?: number;
  connectionTimeoutSeconds?: number;
  /** Allow AUTH / LOGIN on a connection that is not encrypted. */
  allowPlaintextAuth?: boolean;
  /** SMTP only: the submission port (587) of this virtual server. */
  submissionPort?: number;
}

export interface VirtualServerDto {
  id: string;
  serverId: string;
  protocol: ProtocolName;
  name: string;
  bindAddress: string;
  port: number;
  tlsPort: number | null;
  enabled: boolean;
  authMethods: AuthMethod[];
  settings: VirtualServerSettings;
}

/** Authentication methods each protocol can offer (Integrated Windows authentication is not implemented). */
export const AUTH_METHODS_BY_PROTOCOL: Readonly<Record<ProtocolName, readonly AuthMethod[]>> = {
  smtp: ['anonymous', 'plain', 'login'],
  pop3: ['plain', 'login'],
  imap4: ['plain', 'login'],
  nntp: ['anonymous', 'plain'],
  ldap: ['anonymous', 'basic'],
  http: ['anonymous', 'basic'],
};

/** The well-known implicit-TLS port of each protocol (a hint for the console; tlsPort stays free). */
export const DEFAULT_TLS_PORTS: Readonly<Record<ProtocolName, number>> = {
  smtp: 465,
  pop3: 995,
  imap4: 993,
  ldap: 636,
  http: 443,
  nntp: 563,
};

/** Exchange 2003 Enterprise Edition limits, kept so that sizing advice from that era still applies. */
export const MAX_STORAGE_GROUPS_PER_SERVER = 4;
export const MAX_STORES_PER_STORAGE_GROUP = 5;

// ---- Requests -------------------------------------------------------------

export interface CreateAdministrativeGroupRequest {
  name: string;
  description?: string;
}

export interface UpdateAdministrativeGroupRequest {
  name?: string;
  description?: string;
}

export interface CreateRoutingGroupRequest {
  name: string;
  administrativeGroupId: string;
}

/** Routing groups never move between administrative groups (Exchange 2003 did not allow it either). */
export interface UpdateRoutingGroupRequest {
  name?: string;
  /** Must be a member server of the group. */
  masterServerId?: string;
}

/** Servers register themselves; an administrator only moves them between groups. */
export interface UpdateServerRequest {
  administrativeGroupId?: string;
  routingGroupId?: string;
}

export interface CreateRoutingGroupConnectorRequest {
  name: string;
  sourceRoutingGroupId: string;
  targetRoutingGroupId: string;
  cost?: number;
  /** Empty: any member server of the source group may send over the connector. */
  sourceBridgeheadIds?: string[];
  /** Empty: any member server of the target group receives. */
  targetBridgeheadIds?: string[];
  enabled?: boolean;
}

export type UpdateRoutingGroupConnectorRequest = Partial<CreateRoutingGroupConnectorRequest>;

export interface CreateSmtpConnectorRequest {
  name: string;
  routingGroupId: string;
  addressSpaces: AddressSpace[];
  smartHost?: string | null;
  scope?: ConnectorScope;
  /** Empty: any member server of the routing group may send over the connector. */
  bridgeheadServerIds?: string[];
  maxMessageSizeKb?: number | null;
  enabled?: boolean;
}

export type UpdateSmtpConnectorRequest = Partial<CreateSmtpConnectorRequest>;

export interface CreateStorageGroupRequest {
  name: string;
}

export interface UpdateStorageGroupRequest {
  name?: string;
}

export interface CreateInformationStoreRequest {
  kind: StoreKind;
  name: string;
  issueWarningKb?: number | null;
  prohibitSendKb?: number | null;
  prohibitSendReceiveKb?: number | null;
  deletedItemRetentionDays?: number;
  mounted?: boolean;
}

/** Stores do not change kind or storage group; mount state changes through mount/dismount. */
export interface UpdateInformationStoreRequest {
  name?: string;
  issueWarningKb?: number | null;
  prohibitSendKb?: number | null;
  prohibitSendReceiveKb?: number | null;
  deletedItemRetentionDays?: number;
}

export interface InformationStoreQuery {
  kind?: StoreKind;
  serverId?: string;
}

export interface CreateVirtualServerRequest {
  protocol: ProtocolName;
  name: string;
  bindAddress?: string;
  port: number;
  tlsPort?: number | null;
  enabled?: boolean;
  /** Defaults to the protocol's usual methods. */
  authMethods?: AuthMethod[];
  settings?: VirtualServerSettings;
}

/** The protocol of a virtual server never changes; `settings` is merged key by key into the stored settings. */
export interface UpdateVirtualServerRequest {
  name?: string;
  bindAddress?: string;
  port?: number;
  tlsPort?: number | null;
  enabled?: boolean;
  authMethods?: AuthMethod[];
  settings?: VirtualServerSettings;
}
