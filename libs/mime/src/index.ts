export type {
  Address,
  AddressListResult,
  AddressParts,
  DomainType,
  Group,
  GroupParts,
  Mailbox,
  MailboxParts,
  MailboxResult,
  ParseError,
  ParseResult,
  PathResult,
} from './lib/address/mailbox.model';
export {
  MAX_ADDRESS_OCTETS,
  MAX_DOMAIN_OCTETS,
  MAX_LABEL_OCTETS,
  MAX_LOCAL_PART_OCTETS,
  MAX_PATH_OCTETS,
} from './lib/address/address-limits';
export { parseAddressList, parseMailbox } from './lib/address/address-parser';
export { parseAddress, parsePath } from './lib/address/smtp-path-parser';
export {
  formatAddress,
  formatAddressList,
  formatDisplayName,
  formatGroup,
  formatMailbox,
  type FormatOptions,
} from './lib/address/address-formatter';
export { createMailbox } from './lib/address/create-mailbox';
export { addressKey } from './lib/address/address-key';
export { isValidLocalPart, toLocalPartAtom, type LocalPartAtomOptions } from './lib/address/local-part';
export { isValidDomain, normaliseDomain } from './lib/address/domain';
