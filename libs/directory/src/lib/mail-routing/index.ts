/**
 * Mail routing in the directory: what the SMTP listener and the transport categorizer ask of it.
 * - RecipientResolver: address -> recipient or public folder (any of its addresses, domain
 *   case-insensitive, IDN domains in either form), authoritative domains, canSendAs().
 * - DkimKeyService / DkimSigner: DKIM keys per authoritative domain and outbound signing.
 */
export * from './mail-routing.module';
export * from './entities';
export { addressDomain } from './address-domain';
export { RecipientResolver, type ResolvedAddress } from './recipient-resolver.service';
export { sendPermission, type AddressOwnerGrants, type SendPermission } from './send-permission';
export { DkimKeyService, toDkimKeyDto } from './dkim/dkim-key.service';
export { DkimSigner, type MessageSource } from './dkim/dkim-signer.service';
export type { CreateDkimKeyRequest, DkimKeyDto } from './dkim/dkim-key.model';
export { dkimDnsName, dkimDnsRecord, isValidSelector } from './dkim/dkim-dns-record';
