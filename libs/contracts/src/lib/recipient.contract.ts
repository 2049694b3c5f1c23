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

export interface CreateRecipientContainerRequest {
  name: string;
  /** Null or absent: a top-level container. */
  parentId?: string | null;
  description?: string;
}

export type UpdateRecipientContainerRequest = Partial<CreateRecipientContainerRequest>;

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

/** Descriptive attributes a recipient can be created with (and filtered on). */
export interface RecipientOrganizationAttributes {
  title?: string;
  department?: string;
  company?: string;
  office?: string;
  telephone?: string;
  mobile?: string;
  homePhone?: string;
  fax?: string;
  notes?: string;
  hiddenFromAddressLists?: boolean;
}

export interface CreateRecipientRequest extends RecipientOrganizationAttributes {
  kind: RecipientKind;
  alias: string;
  displayName?: string;
  firstName?: string;
  lastName?: string;
  initials?: string;
  /** Default: the top-level container named Users. */
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
  /**
   * The complete list of e-mail addresses, exactly one primary. Editing them by hand turns
   * addressesFromPolicy off unless the same request sets it to true.
   */
  emailAddresses?: Array<{ address: string; isPrimary: boolean }>;
  restrictions?: Partial<DeliveryRestrictionsDto>;
  deliveryOptions?: Partial<DeliveryOptionsDto>;
  limits?: Partial<RecipientLimitsDto>;
  protocols?: Partial<ProtocolSettingsDto>;
};

/** GET /api/recipients query: prefix search and cursor paging by display name. */
export interface ListRecipientsQuery {
  kind?: RecipientKind;
  containerId?: string;
  /** Prefix of the display name, alias, first or last name or primary address (case-insensitive). */
  search?: string;
  /** 1..500, default 100. */
  limit?: number;
  cursor?: string;
}

export interface SetPasswordRequest {
  password: string;
}

export interface GroupMembersRequest {
  memberIds: string[];
}

export interface AddressTemplate {
  /**
   * `%g.%s@example.com`: %g given name, %s surname, %i initials, %m alias, %d display name; a number takes
   * the first N letters (%1g%s); %rxy replaces x by y in the values after it (x = y deletes); %% is a percent.
   */
  template: string;
  primary: boolean;
}

export interface RecipientPolicyDto {
  id: string;
  name: string;
  /** Lower number first; the default policy always comes last. */
  priority: number;
  isDefault: boolean;
  /** Null: every recipient. The default policy's filter is always null. */
  filter: RecipientFilter | null;
  addressTemplates: AddressTemplate[];
}

export interface CreateRecipientPolicyRequest {
  name: string;
  /** 1 = highest; default: after the other policies, before the default policy. */
  priority?: number;
  filter?: RecipientFilter | null;
  /** Exactly one primary template. */
  addressTemplates: AddressTemplate[];
}

export type UpdateRecipientPolicyRequest = Partial<CreateRecipientPolicyRequest>;

/** What applying recipient policies (the Recipient Update Service) did. */
export interface PolicyApplicationResult {
  recipientsChecked: number;
  recipientsUpdated: number;
  addressesAdded: number;
  addressesRemoved: number;
}

/** A domain this organisation accepts mail for: the domain of some policy's address template. */
export interface AuthoritativeDomainDto {
  domain: string;
  /** Policies with a template in this domain. */
  policyIds: string[];
  /** The default policy's primary domain, which cannot be removed. */
  isDefaultPrimary: boolean;
}

export interface AddDomainRequest {
  domain: string;
}

export type AddressListKind = 'global' | 'all-users' | 'all-contacts' | 'all-groups' | 'public-folders' | 'custom';

/**
 * An address list: a view over the directory whose membership follows its kind
 * (system lists) or its filter (custom lists) at query time; nothing is stored per member.
 */
export interface AddressListDto {
  id: string;
  parentId: string | null;
  name: string;
  kind: AddressListKind;
  filter: RecipientFilter | null;
  system: boolean;
}

export interface CreateAddressListRequest {
  name: string;
  /** Custom lists only; recipients hidden from address lists are never members. */
  filter: RecipientFilter;
  parentId?: string | null;
}

/** System lists accept only a new name. */
export interface UpdateAddressListRequest {
  name?: string;
  filter?: RecipientFilter;
  parentId?: string | null;
}

/** Query of one address book page: `cursor` is the `nextCursor` of the previous page. */
export interface AddressBookQuery {
  /** 1..1000, default 100. */
  limit?: number;
  cursor?: string;
  /** Case-insensitive prefix of display name, alias, first name, last name or primary SMTP address. */
  search?: string;
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

/** Keyset paging: pass `nextCursor` back as `cursor` for the next page; null on the last page. */
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

/** Edit and delete rights reach no items, the caller's own items, or all items. */
export type FolderItemScope = 'none' | 'own' | 'all';

/** The eight client rights a role grants on a public folder (Exchange 2003). */
export interface FolderRights {
  createItems: boolean;
  readItems: boolean;
  createSubfolders: boolean;
  folderOwner: boolean;
  folderContact: boolean;
  folderVisible: boolean;
  editItems: FolderItemScope;
  deleteItems: FolderItemScope;
}

export interface PublicFolderDto {
  id: string;
  parentId: string | null;
  name: string;
  /** '/' for the root 'Public Folders', '/Marketing/Campaigns' below it. */
  path: string;
  description: string;
  ownerId: string | null;
  mailEnabled: boolean;
  alias: string | null;
  /** The name shown in the address book when mail-enabled (the folder name when null). */
  displayName: string | null;
  primarySmtpAddress: string | null;
  hiddenFromAddressLists: boolean;
  permissions: FolderPermissionDto[];
  hasChildren: boolean;
}

export interface CreatePublicFolderRequest {
  parentId: string;
  name: string;
  description?: string;
  /** Becomes the folder's owner; default: the caller. */
  ownerId?: string | null;
}

export interface UpdatePublicFolderRequest {
  name?: string;
  description?: string;
  /** Moves the folder; never below itself. */
  parentId?: string;
  ownerId?: string | null;
  /** true gives it alias@<primary domain of the default recipient policy>; false removes its addresses. */
  mailEnabled?: boolean;
  alias?: string;
  displayName?: string | null;
  hiddenFromAddressLists?: boolean;
}

/** One entry of a PUT body; recipientId only for principal 'recipient'. */
export interface FolderPermissionRequest {
  principal: FolderPrincipal;
  recipientId?: string | null;
  role: FolderRole;
}

/** PUT body: the whole permission list; missing Default/Anonymous entries are stored as role none. */
export type SetFolderPermissionsRequest = FolderPermissionRequest[];
