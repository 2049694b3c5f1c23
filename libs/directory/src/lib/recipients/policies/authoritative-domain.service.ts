import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthoritativeDomainDto } from '@estafette/contracts';
import { normaliseDomain } from '@estafette/mime';
import { AuditLogService, type Actor } from '@estafette/security';
import { inTransaction } from '../../common/transaction';
import { authoritativeDomains } from './authoritative-domains';
import { templateDomain } from './policy-rules';
import { toPolicyDto } from './recipient-policy.service';
import { RecipientPolicyRepository } from './recipient-policy.repository';
import { RecipientUpdateService } from './recipient-update.service';

function domainOrThrow(text: string): string {
  const domain = normaliseDomain(text.trim());
  if (!domain) throw new BadRequestException(`${text} is not a valid domain name`);
  return domain;
}

/** Authoritative domains: a view over the policies' templates plus shortcuts to add and remove one. */
@Injectable()
export class AuthoritativeDomainService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: RecipientPolicyRepository,
    private readonly updates: RecipientUpdateService,
    private readonly audit: AuditLogService,
  ) {}

  async list(): Promise<AuthoritativeDomainDto[]> {
    return authoritativeDomains(await this.policies.findAllInOrder());
  }

  /** Adds `%m@domain` to the default policy and stamps the recipients it covers with the new address. */
  add(actor: Actor, text: string): Promise<AuthoritativeDomainDto> {
    const domain = domainOrThrow(text);
    return inTransaction(this.db, async (manager) => {
      const policies = await this.policies.lockAllInOrder(manager);
      if (authoritativeDomains(policies).some((d) => d.domain === domain))
        throw new ConflictException(`${domain} is already an authoritative domain`);
      const defaultPolicy = policies.find((p) => p.isDefault);
      if (!defaultPolicy) throw new ConflictException('there is no default recipient policy');
      const before = toPolicyDto(defaultPolicy);
      defaultPolicy.addressTemplates = [
        ...defaultPolicy.addressTemplates,
        { template: `%m@${domain}`, primary: false },
      ];
      await this.policies.save(manager, defaultPolicy);
      await this.audit.record(manager, actor, {
        action: 'add-domain',
        objectType: 'recipient-policy',
        objectId: defaultPolicy.id,
        objectName: defaultPolicy.name,
        before,
        after: toPolicyDto(defaultPolicy),
      });
      await this.updates.applyInTransaction(manager, actor, defaultPolicy.id);
      return { domain, policyIds: [defaultPolicy.id], isDefaultPrimary: false };
    });
  }

  /**
   * Removes every secondary template in the domain and re-stamps recipients, which drops the generated
   * addresses in it (hand-added ones stay). A domain that is some policy's primary domain stays.
   */
  remove(actor: Actor, text: string): Promise<void> {
    const domain = domainOrThrow(text);
    return inTransaction(this.db, async (manager) => {
      const policies = await this.policies.lockAllInOrder(manager);
      if (!authoritativeDomains(policies).some((d) => d.domain === domain))
        throw new NotFoundException(`${domain} is not an authoritative domain`);
      for (const policy of policies) {
        const primary = policy.addressTemplates.find((t) => t.primary);
        if (primary && templateDomain(primary) === domain) {
          throw new ConflictException(
            policy.isDefault
              ? `${domain} is the default policy's primary domain and cannot be removed`
              : `${domain} is the primary domain of policy ${policy.name}; change that policy first`,
          );
        }
      }
      for (const policy of policies) {
        const kept = policy.addressTemplates.filter((t) => templateDomain(t) !== domain);
        if (kept.length === policy.addressTemplates.length) continue;
        const before = toPolicyDto(policy);
        policy.addressTemplates = kept;
        await this.policies.save(manager, policy);
        await this.audit.record(manager, actor, {
          action: 'remove-domain',
          objectType: 'recipient-policy',
          objectId: policy.id,
          objectName: policy.name,
          before,
          after: toPolicyDto(policy),
        });
      }
      await this.updates.applyInTransaction(manager, actor, null);
    });
  }
}
