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

export interface InformationStoreDto {
  id: string;
  storageGroupId: string;
  kind: StoreKind;
  name: string;
  issueWarningKb: number | null;
  prohibitSendKb: number | null;
  prohibitSendReceiveKb: number | null;
  deletedItemRetentionDays: number;
  mounted: boolean;
}

export type ProtocolName = 'smtp' | 'pop3' | 'imap4' | 'nntp' | 'ldap' | 'http';
export const PROTOCOL_NAMES: readonly ProtocolName[] = ['smtp', 'pop3', 'imap4', 'nntp', 'ldap', 'http'];

export type AuthMethod = 'anonymous' | 'basic' | 'plain' | 'login' | 'integrated';

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
