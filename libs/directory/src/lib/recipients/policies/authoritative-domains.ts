import type { AuthoritativeDomainDto } from '@estafette/contracts';
import type { RecipientPolicyEntity } from '../../entities/recipient-policy.entity';
import { templateDomain } from './policy-rules';

/**
 * The domains the organisation accepts mail for, derived from the policies' templates (Exchange 2003
 * made a domain authoritative by giving a policy an address in it).
 */
export function authoritativeDomains(policies: readonly RecipientPolicyEntity[]): AuthoritativeDomainDto[] {
  const byDomain = new Map<string, AuthoritativeDomainDto>();
  for (const policy of policies) {
    for (const template of policy.addressTemplates) {
      const domain = templateDomain(template);
      if (!domain) continue;
      const entry = byDomain.get(domain) ?? { domain, policyIds: [], isDefaultPrimary: false };
      if (!entry.policyIds.includes(policy.id)) entry.policyIds.push(policy.id);
      if (policy.isDefault && template.primary) entry.isDefaultPrimary = true;
      byDomain.set(domain, entry);
    }
  }
  return [...byDomain.values()].sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
}
