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
export type {
  BodyDisposition,
  BodyStructure,
  EnvelopeAddress,
  HeaderField,
  MessageEnvelope,
  MessageHeaderSummary,
  MessageSummary,
  MultipartStructure,
  SinglePartStructure,
} from './lib/message/message.model';
export { HeaderFields, headerText, parseHeaderLines } from './lib/message/header-fields';
export { decodeCharset, decodeUnstructured } from './lib/message/encoded-text';
export { parameterMap, parseParameterized, type ParameterizedValue } from './lib/message/header-parameters';
export { decodeTransferEncoding } from './lib/message/transfer-decoding';
export {
  MimeStructureParser,
  parseMimeStructure,
  type MimeParserOptions,
  type MimePart,
} from './lib/message/mime-structure.parser';
export { buildEnvelope, envelopeAddresses } from './lib/message/envelope';
export { buildBodyStructure } from './lib/message/body-structure';
export { parseMessageDate, summarizeHeaders, summarizeMessage } from './lib/message/message-summary';
