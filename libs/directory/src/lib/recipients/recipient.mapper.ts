import type { EmailAddressDto, RecipientDto, RecipientSummaryDto } from '@estafette/contracts';
import type { RecipientAddressEntity } from '../entities/recipient-address.entity';
import type { RecipientEntity } from '../entities/recipient.entity';
import type { RecipientSummaryRow } from './recipient.repository';

export function toEmailAddressDto(a: RecipientAddressEntity): EmailAddressDto {
  return { address: a.address, isPrimary: a.isPrimary, fromPolicy: a.fromPolicy };
}

export function rowToSummaryDto(r: RecipientSummaryRow): RecipientSummaryDto {
  return {
    id: r.id,
    kind: r.kind,
    alias: r.alias,
    displayName: r.display_name,
    primarySmtpAddress: r.primary_smtp_address,
    containerId: r.container_id,
    hiddenFromAddressLists: r.hidden_from_address_lists,
  };
}

export function toRecipientDto(
  r: RecipientEntity,
  addresses: readonly RecipientAddressEntity[],
  memberIds: readonly string[],
): RecipientDto {
  return {
    id: r.id,
    kind: r.kind,
    alias: r.alias,
    displayName: r.displayName,
    primarySmtpAddress: r.primarySmtpAddress,
    containerId: r.containerId,
    hiddenFromAddressLists: r.hiddenFromAddressLists,
    firstName: r.firstName,
    lastName: r.lastName,
    initials: r.initials,
    title: r.title,
    department: r.department,
    company: r.company,
    office: r.office,
    telephone: r.telephone,
    mobile: r.mobile,
    homePhone: r.homePhone,
    fax: r.fax,
    notes: r.notes,
    emailAddresses: addresses.map(toEmailAddressDto),
    addressesFromPolicy: r.addressesFromPolicy,
    mailboxStoreId: r.mailboxStoreId,
    targetAddress: r.targetAddress,
    accountDisabled: r.accountDisabled,
    restrictions: {
      acceptFromIds: [...r.acceptFromIds],
      rejectFromIds: [...r.rejectFromIds],
      requireAuthenticatedSenders: r.requireAuthenticatedSenders,
    },
    deliveryOptions: {
      forwardingRecipientId: r.forwardingRecipientId,
      deliverAndForward: r.deliverAndForward,
      sendOnBehalfIds: [...r.sendOnBehalfIds],
      sendAsIds: [...r.sendAsIds],
    },
    limits: {
      useStoreDefaults: r.useStoreDefaults,
      issueWarningKb: r.issueWarningKb,
      prohibitSendKb: r.prohibitSendKb,
      prohibitSendReceiveKb: r.prohibitSendReceiveKb,
      maxSendSizeKb: r.maxSendSizeKb,
      maxReceiveSizeKb: r.maxReceiveSizeKb,
      maxRecipients: r.maxRecipients,
    },
    protocols: {
      pop3Enabled: r.pop3Enabled,
      imap4Enabled: r.imap4Enabled,
      owaEnabled: r.owaEnabled,
      nntpEnabled: r.nntpEnabled,
    },
    groupType: r.groupType,
    managedById: r.managedById,
    queryFilter: r.queryFilter,
    memberIds: [...memberIds],
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
