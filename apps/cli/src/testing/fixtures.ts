import type { RecipientDto, RecipientKind } from '@estafette/contracts';

let next = 0;

/** A complete RecipientDto with a fresh id; tests override what they look at. */
export function recipient(kind: RecipientKind, alias: string, overrides: Partial<RecipientDto> = {}): RecipientDto {
  next += 1;
  const id = `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`;
  return {
    id,
    kind,
    alias,
    displayName: alias,
    primarySmtpAddress: `${alias}@test.example`,
    containerId: 'c0000000-0000-4000-8000-000000000001',
    hiddenFromAddressLists: false,
    firstName: '',
    lastName: '',
    initials: '',
    title: '',
    department: '',
    company: '',
    office: '',
    telephone: '',
    mobile: '',
    homePhone: '',
    fax: '',
    notes: '',
    emailAddresses: [{ address: `${alias}@test.example`, isPrimary: true, fromPolicy: true }],
    addressesFromPolicy: true,
    mailboxStoreId: kind === 'user' ? 's0000000-0000-4000-8000-000000000001' : null,
    targetAddress: null,
    accountDisabled: false,
    restrictions: { acceptFromIds: [], rejectFromIds: [], requireAuthenticatedSenders: false },
    deliveryOptions: { forwardingRecipientId: null, deliverAndForward: false, sendOnBehalfIds: [], sendAsIds: [] },
    limits: {
      useStoreDefaults: true,
      issueWarningKb: null,
      prohibitSendKb: null,
      prohibitSendReceiveKb: null,
      maxSendSizeKb: null,
      maxReceiveSizeKb: null,
      maxRecipients: null,
    },
    protocols: { pop3Enabled: true, imap4Enabled: true, owaEnabled: true, nntpEnabled: true },
    groupType: kind === 'group' ? 'distribution' : null,
    managedById: null,
    queryFilter: null,
    memberIds: [],
    createdAt: '2026-11-28T12:00:00.000Z',
    updatedAt: '2026-11-28T12:00:00.000Z',
    ...overrides,
  };
}

export const MAILBOX_STORE = {
  id: 's0000000-0000-4000-8000-000000000001',
  storageGroupId: 'g0000000-0000-4000-8000-000000000001',
  serverId: 'v0000000-0000-4000-8000-000000000001',
  kind: 'mailbox' as const,
  name: 'Mailbox Store (MAIL1)',
  issueWarningKb: null,
  prohibitSendKb: null,
  prohibitSendReceiveKb: null,
  deletedItemRetentionDays: 7,
  mounted: true,
  mailboxCount: 2,
};

export const USERS_CONTAINER = {
  id: 'c0000000-0000-4000-8000-000000000001',
  parentId: null,
  name: 'Users',
  description: '',
};
export const SALES_CONTAINER = {
  id: 'c0000000-0000-4000-8000-000000000002',
  parentId: null,
  name: 'Sales',
  description: 'Sales team',
};
