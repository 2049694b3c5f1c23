import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addressKey, normaliseDomain } from '@estafette/mime';
import { ReadCoalescer } from '../common/read-coalescer';
import type { RecipientEntity } from '../entities/recipient.entity';
import { authoritativeDomains } from '../recipients/policies/authoritative-domains';
import { addressDomain } from './address-domain';
import { MailRoutingRepository } from './mail-routing.repository';
import { sendPermission, type SendPermission } from './send-permission';

const POSTMASTER = 'postmaster';

/** The owner of an address: a recipient (user, contact, group, query-based group) or a mail-enabled public folder. */
export type ResolvedAddress =
  | { kind: 'recipient'; address: string; recipient: RecipientEntity }
  | { kind: 'public-folder'; address: string; publicFolderId: string };

/**
 * Address -> directory object, for the SMTP listener (RCPT TO, sender identity) and the transport
 * categorizer. One rule everywhere: an address matches any of its owner's addresses through the
 * recipient_address key (`addressKey` of @estafette/mime: the local part as stored, the domain in
 * ASCII, all lower-case, NFC), so `Jane@EXAMPLE.com`, `jane@example.com` and the U-label form of an
 * IDN domain resolve alike. No cache: a change in the directory applies to the next message. Look-ups
 * outside a transaction that arrive together (the RCPT commands and categorizations of many sessions) are
 * one statement (ReadCoalescer).
 */
@Injectable()
export class RecipientResolver {
  private readonly byAddress: ReadCoalescer<string, { address: string; recipient: RecipientEntity } | null>;

  constructor(private readonly repository: MailRoutingRepository) {
    this.byAddress = new ReadCoalescer(
      (key) => repository.findRecipientByAddress(key),
      (keys) => repository.findRecipientsByAddresses(keys),
    );
  }

  /** The owner of an address (`a@b`, `<a@b>`), or null when nobody in the organisation has it. */
  async resolve(address: string, manager?: EntityManager): Promise<ResolvedAddress | null> {
    const key = addressKey(address);
    // RFC 5321 §4.1.1.3: "postmaster" without a domain is accepted, case-insensitively, for the whole site.
    if (!key.includes('@')) return key.replace(/^<(.*)>$/, '$1') === POSTMASTER ? this.postmaster(manager) : null;
    const owner = await this.ownerOf(key, manager);
    if (owner) return owner;
    // RFC 5321 §4.5.1: every domain we receive mail for has a postmaster, even when nobody holds the address.
    if (key.startsWith(`${POSTMASTER}@`) && (await this.isAuthoritative(key, manager))) return this.postmaster(manager);
    return null;
  }

  /**
   * The organisation's postmaster: whoever holds postmaster@ of an authoritative domain (the default
   * policy's primary domain first), else the first full administrator of the organisation (the
   * administrator of first run), as Exchange delivered postmaster mail to the administrator's mailbox.
   */
  async postmaster(manager?: EntityManager): Promise<ResolvedAddress | null> {
    const domains = authoritativeDomains(await this.repository.findPolicies(manager)).sort(
      (a, b) => Number(b.isDefaultPrimary) - Number(a.isDefaultPrimary),
    );
    for (const { domain } of domains) {
      const owner = await this.ownerOf(`${POSTMASTER}@${domain}`, manager);
      if (owner) return owner;
    }
    const administrator = await this.repository.findFirstFullAdministrator(manager);
    if (!administrator) return null;
    return { kind: 'recipient', address: administrator.primarySmtpAddress ?? POSTMASTER, recipient: administrator };
  }

  private async ownerOf(key: string, manager?: EntityManager): Promise<ResolvedAddress | null> {
    // Most addresses are a recipient's: one statement; public folders and unknown addresses take a second.
    const held = manager ? await this.repository.findRecipientByAddress(key, manager) : await this.byAddress.read(key);
    if (held) return { kind: 'recipient', address: held.address, recipient: held.recipient };
    const owner = await this.repository.findAddressOwner(key, manager);
    if (!owner) return null;
    if (owner.publicFolderId)
      return { kind: 'public-folder', address: owner.address, publicFolderId: owner.publicFolderId };
    if (!owner.recipientId) return null;
    const recipient = await this.repository.findRecipient(owner.recipientId, manager);
    return recipient ? { kind: 'recipient', address: owner.address, recipient } : null;
  }

  /** A recipient by id: an authenticated sender's limits, display name and primary address. */
  findById(recipientId: string, manager?: EntityManager): Promise<RecipientEntity | null> {
    return this.repository.findRecipient(recipientId, manager);
  }

  /**
   * The domains the organisation is responsible for: those of the recipient policies' address
   * templates (Exchange 2003 made a domain authoritative that way), ASCII and lower-case, sorted.
   */
  async authoritativeDomains(manager?: EntityManager): Promise<string[]> {
    return authoritativeDomains(await this.repository.findPolicies(manager)).map((d) => d.domain);
  }

  /** Whether a domain, or the domain of an address, is authoritative. Address literals never are. */
  async isAuthoritative(domainOrAddress: string, manager?: EntityManager): Promise<boolean> {
    const domain = domainOrAddress.includes('@')
      ? addressDomain(domainOrAddress)
      : normaliseDomain(domainOrAddress.trim())?.toLowerCase();
    if (!domain) return false;
    return (await this.authoritativeDomains(manager)).includes(domain);
  }

  /**
   * Whether the recipient `principalId` may use `fromAddress` as a message's author: its own address,
   * Send As or Send on Behalf granted by the address's owner to it or to a group containing it
   * (nested groups count); null otherwise, including addresses nobody in the organisation owns.
   */
  async canSendAs(principalId: string, fromAddress: string, manager?: EntityManager): Promise<SendPermission> {
    const owner = await this.resolve(fromAddress, manager);
    if (!owner || owner.kind !== 'recipient') return null;
    const grants = {
      ownerId: owner.recipient.id,
      sendAsIds: owner.recipient.sendAsIds,
      sendOnBehalfIds: owner.recipient.sendOnBehalfIds,
    };
    const direct = sendPermission(grants, principalId);
    if (direct || (grants.sendAsIds.length === 0 && grants.sendOnBehalfIds.length === 0)) return direct;
    const groups = new Set(await this.repository.findGroupsContaining(principalId, manager));
    return sendPermission(grants, principalId, groups);
  }
}
