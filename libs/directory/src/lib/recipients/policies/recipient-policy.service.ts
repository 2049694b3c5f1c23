import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  AddressTemplate,
  CreateRecipientPolicyRequest,
  RecipientFilter,
  RecipientPolicyDto,
  UpdateRecipientPolicyRequest,
} from '@estafette/contracts';
import { AuditLogService, type Actor } from '@estafette/security';
import { inTransaction } from '../../common/transaction';
import { rethrowConflict } from '../../common/unique-violation';
import type { RecipientPolicyEntity } from '../../entities/recipient-policy.entity';
import { validateRecipientFilter } from '../../filters/recipient-filter.validator';
import { checkAddressTemplates } from './policy-rules';
import { DEFAULT_POLICY_PRIORITY, RecipientPolicyRepository } from './recipient-policy.repository';

export function toPolicyDto(p: RecipientPolicyEntity): RecipientPolicyDto {
  return {
    id: p.id,
    name: p.name,
    priority: p.priority,
    isDefault: p.isDefault,
    filter: p.filter,
    addressTemplates: p.addressTemplates.map((t) => ({ template: t.template, primary: t.primary })),
  };
}

function templatesOrThrow(templates: readonly AddressTemplate[]): AddressTemplate[] {
  const checked = checkAddressTemplates(templates);
  if (!checked.ok) throw new BadRequestException(checked.error);
  return checked.value;
}

function filterOrThrow(filter: RecipientFilter | null): RecipientFilter | null {
  const refusal = filter === null ? null : validateRecipientFilter(filter);
  if (refusal) throw new BadRequestException(refusal);
  return filter;
}

/**
 * Recipient policies: which recipients get which generated addresses. Changing a policy does not touch
 * recipients until it is applied (as in Exchange: "Apply this policy now").
 */
@Injectable()
export class RecipientPolicyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: RecipientPolicyRepository,
    private readonly audit: AuditLogService,
  ) {}

  async list(): Promise<RecipientPolicyDto[]> {
    return (await this.policies.findAllInOrder()).map(toPolicyDto);
  }

  async get(id: string): Promise<RecipientPolicyDto> {
    const policy = await this.policies.findById(id);
    if (!policy) throw new NotFoundException(`recipient policy ${id} does not exist`);
    return toPolicyDto(policy);
  }

  create(actor: Actor, request: CreateRecipientPolicyRequest): Promise<RecipientPolicyDto> {
    return inTransaction(this.db, async (manager) => {
      const entity = this.policies.create(manager, {
        name: request.name.trim(),
        priority: request.priority ?? (await this.policies.nextPriority(manager)),
        isDefault: false,
        filter: filterOrThrow(request.filter ?? null),
        addressTemplates: templatesOrThrow(request.addressTemplates),
      });
      const saved = await this.save(manager, entity);
      const after = toPolicyDto(saved);
      await this.audit.record(manager, actor, {
        action: 'create',
        objectType: 'recipient-policy',
        objectId: saved.id,
        objectName: saved.name,
        after,
      });
      return after;
    });
  }

  update(actor: Actor, id: string, changes: UpdateRecipientPolicyRequest): Promise<RecipientPolicyDto> {
    return inTransaction(this.db, async (manager) => {
      const policy = await this.requireForUpdate(manager, id);
      const before = toPolicyDto(policy);
      if (changes.priority !== undefined && changes.priority !== policy.priority) {
        if (policy.isDefault)
          throw new BadRequestException('the default policy always applies last; its priority cannot change');
        policy.priority = changes.priority;
      }
      if (changes.filter !== undefined) {
        if (policy.isDefault && changes.filter !== null)
          throw new BadRequestException('the default policy applies to every recipient; its filter cannot be set');
        policy.filter = filterOrThrow(changes.filter);
      }
      if (changes.name !== undefined) policy.name = changes.name.trim();
      if (changes.addressTemplates !== undefined) policy.addressTemplates = templatesOrThrow(changes.addressTemplates);
      const after = toPolicyDto(await this.save(manager, policy));
      await this.audit.record(manager, actor, {
        action: 'update',
        objectType: 'recipient-policy',
        objectId: id,
        objectName: policy.name,
        before,
        after,
      });
      return after;
    });
  }

  delete(actor: Actor, id: string): Promise<void> {
    return inTransaction(this.db, async (manager) => {
      const policy = await this.requireForUpdate(manager, id);
      if (policy.isDefault) throw new ConflictException('the default policy cannot be deleted');
      await this.policies.delete(manager, id);
      await this.audit.record(manager, actor, {
        action: 'delete',
        objectType: 'recipient-policy',
        objectId: id,
        objectName: policy.name,
        before: toPolicyDto(policy),
      });
    });
  }

  private async requireForUpdate(manager: EntityManager, id: string): Promise<RecipientPolicyEntity> {
    const policy = await this.policies.findByIdForUpdate(manager, id);
    if (!policy) throw new NotFoundException(`recipient policy ${id} does not exist`);
    return policy;
  }

  private save(manager: EntityManager, policy: RecipientPolicyEntity): Promise<RecipientPolicyEntity> {
    if (!policy.isDefault && policy.priority >= DEFAULT_POLICY_PRIORITY) {
      throw new BadRequestException(
        `priority must be below ${DEFAULT_POLICY_PRIORITY}, which is reserved for the default policy`,
      );
    }
    return this.policies
      .save(manager, policy)
      .catch((e: unknown) => rethrowConflict(e, `a recipient policy named ${policy.name} already exists`));
  }
}
