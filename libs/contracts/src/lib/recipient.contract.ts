/** Recipients, containers, policies, address lists and public folders as the REST API sees them. */

export type RecipientKind = 'user' | 'contact' | 'group' | 'query-group';
export type GroupType = 'distribution' | 'security';

/** Recipient attributes a filter may test. */
export type FilterAttribute =
  | 'kind'
  | 'alias'
  | 'displayName'
  | 'firstName'
  | 'lastName'
  | 'title'
  | 'department'
  | 'company'
  | 'office'
  | 'primarySmtpAddress'
  | 'containerId'
  | 'mailboxStoreId';

export type FilterOperator = 'equals' | 'not-equals' | 'starts-with' | 'ends-with' | 'contains' | 'present';

/** A filter over recipient attributes (address lists, query-based groups, recipient policies). */
export type RecipientFilter =
  | { and: RecipientFilter[] }
  | { or: RecipientFilter[] }
  | { not: RecipientFilter }
  | { attribute: FilterAttribute; operator: FilterOperator; value?: string };

export interface RecipientContainerDto {
  id: string;
  parentId: string | null;
  name: string;
  description: string;
}

export interface RecipientSummaryDto {
  id: string;
  kind: RecipientKind;
  alias: string;
  displayName: string;
  primarySmtpAddress: string | null;
  containerId: string;
  hiddenFromAddressLists: boolean;
}

export interface EmailAddressDto {
  address: string;
  isPrimary: boolean;
  fromPolicy: boolean;
}

export interface RecipientLimitsDto {
  useStoreDefaults: boolean;
  issueWarningKb: number | null;
  prohibitSendKb: number | null;
  prohibitSendReceiveKb: number | null;
  maxSendSizeKb: number | null;
  maxReceiveSizeKb: number | null;
  maxRecipients: number | null;
}

export interface ProtocolSettingsDto {
  pop3Enabled: boolean;
  imap4Enabled: boolean;
  owaEnabled: boolean;
  nntpEnabled: boolean;
}

export interface DeliveryRestrictionsDto {
  acceptFromIds: string[];
  rejectFromIds: string[];
  requireAuthenticatedSenders: boolean;
}

export interface DeliveryOptionsDto {
  forwardingRecipientId: string | null;
  deliverAndForward: boolean;
  sendOnBehalfIds: string[];
  sendAsIds: string[];
}

export interface RecipientDto extends RecipientSummaryDto {
  firstName: string;
  lastName: string;
  initials: string;
  title: string;
  department: string;
  company: string;
  office: string;
  telephone: string;
  mobile: string;
  homePhone: string;
  fax: string;
  notes: string;
  emailAddresses: EmailAddressDto[];
  addressesFromPolicy: boolean;
  /** Users with a mailbox: the home mailbox store. */
  mailboxStoreId: string | null;
  /** Mail-enabled users and contacts: where mail is delivered. */
  targetAddress: string | null;
  accountDisabled: boolean;
  restrictions: DeliveryRestrictionsDto;
  deliveryOptions: DeliveryOptionsDto;
  limits: RecipientLimitsDto;
  protocols: ProtocolSettingsDto;
  groupType: GroupType | null;
  managedById: string | null;
  queryFilter: RecipientFilter | null;
  memberIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface CreateRecipientRequest {
  kind: RecipientKind;
  alias: string;
  displayName?: string;
  firstName?: string;
  lastName?: string;
  initials?: string;
  containerId?: string;
  /** Users: create a mailbox in this store (default: the first mounted mailbox store of this server). */
  mailboxStoreId?: string | null;
  /** Users without mailbox (mail-enabled) and contacts. */
  targetAddress?: string | null;
  /** Users: the initial password. */
  password?: string;
  groupType?: GroupType;
  memberIds?: string[];
  queryFilter?: RecipientFilter;
}

export type UpdateRecipientRequest = Partial<
  Pick<
    RecipientDto,
    | 'displayName'
    | 'firstName'
    | 'lastName'
    | 'initials'
    | 'title'
    | 'department'
    | 'company'
    | 'office'
    | 'telephone'
    | 'mobile'
    | 'homePhone'
    | 'fax'
    | 'notes'
    | 'alias'
    | 'containerId'
    | 'hiddenFromAddressLists'
    | 'accountDisabled'
    | 'targetAddress'
    | 'mailboxStoreId'
    | 'groupType'
    | 'managedById'
    | 'queryFilter'
    | 'addressesFromPolicy'
  >
> & {
  emailAddresses?: Array<{ address: string; isPrimary: boolean }>;
  restrictions?: Partial<DeliveryRestrictionsDto>;
  deliveryOptions?: Partial<DeliveryOptionsDto>;
  limits?: Partial<RecipientLimitsDto>;
  protocols?: Partial<ProtocolSettingsDto>;
  password?: string;
};

export interface AddressTemplate {
  /** `%g.%s@example.com`: %g given name, %s surname, %i initials, %m alias, %d display name; %1g first letter. */
  template: string;
  primary: boolean;
}

export interface RecipientPolicyDto {
  id: string;
  name: string;
  priority: number;
  isDefault: boolean;
  filter: RecipientFilter | null;
  addressTemplates: AddressTemplate[];
}

export type AddressListKind = 'global' | 'all-users' | 'all-contacts' | 'all-groups' | 'public-folders' | 'custom';

export interface AddressListDto {
  id: string;
  parentId: string | null;
  name: string;
  kind: AddressListKind;
  filter: RecipientFilter | null;
  system: boolean;
}

export interface AddressBookEntryDto {
  id: string;
  type: RecipientKind | 'public-folder';
  displayName: string;
  alias: string;
  primarySmtpAddress: string | null;
  title: string;
  department: string;
  company: string;
  office: string;
  telephone: string;
}

/** Cursor paging: `after` is the opaque cursor of the last entry of the previous page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type FolderRole =
  | 'owner'
  | 'publishing-editor'
  | 'editor'
  | 'publishing-author'
  | 'author'
  | 'nonediting-author'
  | 'reviewer'
  | 'contributor'
  | 'none';

export type FolderPrincipal = 'recipient' | 'default' | 'anonymous';

export interface FolderPermissionDto {
  principal: FolderPrincipal;
  recipientId: string | null;
  role: FolderRole;
}

export interface PublicFolderDto {
  id: string;
  parentId: string | null;
  name: string;
  path: string;
  description: string;
  ownerId: string | null;
  mailEnabled: boolean;
  alias: string | null;
  primarySmtpAddress: string | null;
  hiddenFromAddressLists: boolean;
  permissions: FolderPermissionDto[];
  hasChildren: boolean;
}
