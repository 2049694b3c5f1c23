import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EmailAddressDto, PolicyApplicationResult } from '@estafette/contracts';
import { AuditLogService, type Actor } from '@estafette/security';
import { inTransaction } from '../../common/transaction';
import type { RecipientPolicyEntity } from '../../entities/recipient-policy.entity';
import type { RecipientEntity } from '../../entities/recipient.entity';
import { normaliseEmailAddress, type NormalisedAddress } from '../email-address';
import { RecipientAddressRepository } from '../recipient-address.repository';
import { toEmailAddressDto } from '../recipient.mapper';
import { RecipientRepository } from '../recipient.repository';
import { expandLocalPart, parseAddressTemplate, withCollisionSuffix } from './address-template';
import { choosePolicy } from './policy-rules';
import { RecipientPolicyRepository } from './recipient-policy.repository';

/** Give up on suffixes after this many: a template that collides this often is a configuration problem. */
const MAX_SUFFIX = 1000;
const BATCH = 200;

export interface StampOutcome {
  changed: boolean;
  added: number;
  removed: number;
  before: EmailAddressDto[];
  after: EmailAddressDto[];
}

interface Desired extends NormalisedAddress {
  isPrimary: boolean;
}

/**
 * The Recipient Update Service: stamps recipients with the addresses their recipient policy generates.
 * For a recipient whose addressesFromPolicy is on, the first matching policy (by priority) wins; its
 * primary template gives the primary SMTP address, the others secondary addresses. Addresses stamped
 * earlier by a policy are replaced; addresses added by hand stay.
 */
@Injectable()
export class RecipientUpdateService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: RecipientPolicyRepository,
    private readonly recipients: RecipientRepository,
    private readonly addresses: RecipientAddressRepository,
    private readonly audit: AuditLogService,
  ) {}

  /** POST /recipient-policies/:id/apply: the recipients this policy stamps. */
  applyPolicy(actor: Actor, policyId: string): Promise<PolicyApplicationResult> {
    return inTransaction(this.db, async (manager) => {
      if (!(await this.policies.findById(policyId, manager)))
        throw new NotFoundException(`recipient policy ${policyId} does not exist`);
      return this.applyInTransaction(manager, actor, policyId);
    });
  }

  /** POST /recipient-policies/apply: every recipient ("Rebuild" in Exchange). */
  applyAll(actor: Actor): Promise<PolicyApplicationResult> {
    return inTransaction(this.db, (manager) => this.applyInTransaction(manager, actor, null));
  }

  /** Runs in the caller's transaction (adding a domain applies the default policy with the change). */
  async applyInTransaction(
    manager: EntityManager,
    actor: Actor,
    policyId: string | null,
  ): Promise<PolicyApplicationResult> {
    const policies = await this.policies.lockAllInOrder(manager);
    const target = policyId ? (policies.find((p) => p.id === policyId) ?? null) : null;
    // A non-default policy's own filter narrows the candidates in SQL; the priority check happens per recipient.
    const ids = await this.recipients.findPolicyManagedIds(manager, target && !target.isDefault ? target.filter : null);
    const result: PolicyApplicationResult = {
      recipientsChecked: 0,
      recipientsUpdated: 0,
      addressesAdded: 0,
      addressesRemoved: 0,
    };
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const byId = new Map((await this.recipients.findByIdsForUpdate(manager, batch)).map((r) => [r.id, r]));
      for (const id of batch) {
        const recipient = byId.get(id);
        if (!recipient) continue;
        if (target && choosePolicy(policies, recipient)?.id !== target.id) continue;
        result.recipientsChecked += 1;
        const outcome = await this.stamp(manager, recipient, policies);
        if (!outcome.changed) continue;
        result.recipientsUpdated += 1;
        result.addressesAdded += outcome.added;
        result.addressesRemoved += outcome.removed;
        await this.audit.record(manager, actor, {
          action: 'apply-policy',
          objectType: 'recipient',
          objectId: recipient.id,
          objectName: recipient.displayName,
          before: { emailAddresses: outcome.before },
          after: { emailAddresses: outcome.after },
        });
      }
    }
    await this.audit.record(manager, actor, {
      action: 'apply',
      objectType: 'recipient-policy',
      objectId: target?.id ?? null,
      objectName: target?.name ?? 'all recipient policies',
      after: result,
    });
    return result;
  }

  /**
   * Stamps one recipient in the caller's transaction (creation, edits, application runs). Does nothing
   * when addressesFromPolicy is off or the addresses are already what the policy generates.
   */
  async stamp(
    manager: EntityManager,
    recipient: RecipientEntity,
    policiesInOrder?: RecipientPolicyEntity[],
  ): Promise<StampOutcome> {
    const current = await this.addresses.findByRecipient(manager, recipient.id);
    const before = current.map(toEmailAddressDto);
    const unchanged: StampOutcome = { changed: false, added: 0, removed: 0, before, after: before };
    if (!recipient.addressesFromPolicy) return unchanged;
    const policy = choosePolicy(policiesInOrder ?? (await this.policies.findAllInOrder(manager)), recipient);
    if (!policy) return unchanged;

    const handAdded = new Map(current.filter((a) => !a.fromPolicy).map((a) => [a.addressKey, a]));
    const desired = await this.generate(manager, recipient, policy, handAdded);
    const primary = desired.find((d) => d.isPrimary) as Desired;
    const fromPolicy = current.filter((a) => a.fromPolicy);
    const desiredKeys = new Set(desired.map((d) => d.key));
    const removed = fromPolicy.filter((a) => !desiredKeys.has(a.addressKey));
    const existingKeys = new Set(current.map((a) => a.addressKey));
    const added = desired.filter((d) => !existingKeys.has(d.key));
    const currentPrimary = current.find((a) => a.isPrimary);
    if (removed.length === 0 && added.length === 0 && currentPrimary?.addressKey === primary.key) return unchanged;

    await this.addresses.clearPrimary(manager, recipient.id);
    await this.addresses.deleteByIds(
      manager,
      removed.map((a) => a.id),
    );
    await this.addresses.insert(
      manager,
      recipient.id,
      added.map((d) => ({ address: d.address, addressKey: d.key, isPrimary: d.isPrimary, fromPolicy: true })),
    );
    const keptPrimary = current.find((a) => a.addressKey === primary.key);
    if (keptPrimary) await this.addresses.setPrimary(manager, keptPrimary.id);
    recipient.primarySmtpAddress = keptPrimary?.address ?? primary.address;
    await this.recipients.setPrimarySmtpAddress(manager, recipient.id, recipient.primarySmtpAddress);
    const after = (await this.addresses.findByRecipient(manager, recipient.id)).map(toEmailAddressDto);
    return { changed: true, added: added.length, removed: removed.length, before, after };
  }

  /** The addresses a policy generates for a recipient, primary first, each free of other owners. */
  private async generate(
    manager: EntityManager,
    recipient: RecipientEntity,
    policy: RecipientPolicyEntity,
    handAdded: ReadonlyMap<string, unknown>,
  ): Promise<Desired[]> {
    const out: Desired[] = [];
    const templates = [...policy.addressTemplates].sort((a, b) => Number(b.primary) - Number(a.primary));
    for (const template of templates) {
      const parsed = parseAddressTemplate(template.template);
      if (!parsed.ok) continue;
      const local = expandLocalPart(parsed.value, recipient);
      const free = await this.firstFree(manager, recipient.id, local, parsed.value.domain, out, handAdded);
      if (free === 'duplicate') continue;
      if (!free) {
        if (!template.primary) continue;
        throw new ConflictException(
          `policy ${policy.name} cannot generate a primary address for ${recipient.displayName} from ${template.template}`,
        );
      }
      out.push({ ...free, isPrimary: template.primary });
    }
    return out;
  }

  /**
   * local@domain, or local2@domain, local3@domain, … : the first candidate no other recipient or public
   * folder owns. 'duplicate' when an earlier template of the same policy already produced it.
   */
  private async firstFree(
    manager: EntityManager,
    recipientId: string,
    local: string,
    domain: string,
    earlier: readonly Desired[],
    handAdded: ReadonlyMap<string, unknown>,
  ): Promise<NormalisedAddress | 'duplicate' | null> {
    for (let attempt = 1; attempt <= MAX_SUFFIX; attempt++) {
      const candidate = normaliseEmailAddress(`${withCollisionSuffix(local, attempt)}@${domain}`);
      if (!candidate.ok) return null;
      if (earlier.some((d) => d.key === candidate.value.key)) return 'duplicate';
      if (handAdded.has(candidate.value.key)) return candidate.value;
      if (!(await this.addresses.isTakenByOther(manager, candidate.value.key, recipientId))) return candidate.value;
    }
    return null;
  }
}
