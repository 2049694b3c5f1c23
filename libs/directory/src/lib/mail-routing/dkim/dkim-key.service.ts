import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { normaliseDomain } from '@estafette/mime';
import { AuditLogService, type Actor } from '@estafette/security';
import { inTransaction } from '../../common/transaction';
import { rethrowConflict } from '../../common/unique-violation';
import { RecipientResolver } from '../recipient-resolver.service';
import { dkimDnsName, dkimDnsRecord, isValidSelector } from './dkim-dns-record';
import type { DkimKeyEntity } from './dkim-key.entity';
import { generateDkimKeyPair } from './dkim-key-pair';
import type { CreateDkimKeyRequest, DkimKeyDto } from './dkim-key.model';
import { DkimKeyRepository } from './dkim-key.repository';

export function toDkimKeyDto(key: DkimKeyEntity): DkimKeyDto {
  return {
    id: key.id,
    domain: key.domain,
    selector: key.selector,
    algorithm: key.algorithm,
    active: key.active,
    createdAt: key.createdAt.toISOString(),
    dnsName: dkimDnsName(key.selector, key.domain),
    dnsRecord: dkimDnsRecord(key.publicKey),
  };
}

/**
 * DKIM keys of the authoritative domains. Creating one generates an RSA 2048 key pair, makes it the
 * domain's active signing key and returns the TXT record to publish; the private key never leaves
 * the server (not in the API, not in the audit log).
 */
@Injectable()
export class DkimKeyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly keys: DkimKeyRepository,
    private readonly resolver: RecipientResolver,
    private readonly audit: AuditLogService,
  ) {}

  async list(): Promise<DkimKeyDto[]> {
    return (await this.keys.findAll()).map(toDkimKeyDto);
  }

  async create(actor: Actor, request: CreateDkimKeyRequest): Promise<DkimKeyDto> {
    const domain = normaliseDomain(request.domain.trim())?.toLowerCase();
    if (!domain) throw new BadRequestException(`${request.domain} is not a valid domain name`);
    if (!(await this.resolver.isAuthoritative(domain)))
      throw new BadRequestException(`${domain} is not an authoritative domain of the organisation`);
    const selector = request.selector.trim().toLowerCase();
    if (!isValidSelector(selector))
      throw new BadRequestException(
        `selector ${request.selector} is not valid: use DNS labels (letters, digits, inner hyphens)`,
      );
    // Generated outside the transaction: it takes a while and needs no lock.
    const pair = await generateDkimKeyPair();
    return inTransaction(this.db, async (manager) => {
      const saved = await this.keys
        .insertActive(manager, { domain, selector, privateKeyPem: pair.privateKeyPem, publicKey: pair.publicKeyBase64 })
        .catch((e: unknown) => rethrowConflict(e, `${domain} already has a DKIM key with selector ${selector}`));
      const after = toDkimKeyDto(saved);
      await this.audit.record(manager, actor, {
        action: 'create',
        objectType: 'dkim-key',
        objectId: saved.id,
        objectName: after.dnsName,
        after,
      });
      return after;
    });
  }

  remove(actor: Actor, id: string): Promise<void> {
    return inTransaction(this.db, async (manager) => {
      const key = await this.keys.findById(id, manager);
      if (!key) throw new NotFoundException(`DKIM key ${id} does not exist`);
      await this.keys.delete(manager, id);
      const before = toDkimKeyDto(key);
      await this.audit.record(manager, actor, {
        action: 'delete',
        objectType: 'dkim-key',
        objectId: id,
        objectName: before.dnsName,
        before,
      });
    });
  }
}
