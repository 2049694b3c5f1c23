import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { UpdateRecipientRequest } from '@estafette/contracts';
import { RoleService } from '@estafette/security';
import type { RecipientEntity } from '../entities/recipient.entity';
import { validateRecipientFilter } from '../filters/recipient-filter.validator';
import { RecipientContainerRepository } from './containers/recipient-container.repository';
import { aliasError, normaliseEmailAddress } from './email-address';
import { HomeStoreRepository } from './home-store.repository';
import { RecipientReferences } from './recipient-references';
import { deliveryError, limitsError } from './recipient-rules';
import { RecipientRepository } from './recipient.repository';

/** Plain attributes copied as they come (the DTO has validated type and length). */
const TEXT_FIELDS = [
  'displayName',
  'firstName',
  'lastName',
  'initials',
  'title',
  'department',
  'company',
  'office',
  'telephone',
  'mobile',
  'homePhone',
  'fax',
  'notes',
] as const;

/** What a policy's filter or address templates can look at: changing one re-stamps the addresses. */
export const POLICY_INPUTS = [
  'alias',
  'displayName',
  'firstName',
  'lastName',
  'initials',
  'title',
  'department',
  'company',
  'office',
  'containerId',
  'mailboxStoreId',
] as const;

function bad(message: string): never {
  throw new BadRequestException(message);
}

/** Applies an edit to a locked recipient, enforcing every rule that needs the database. */
@Injectable()
export class RecipientEditor {
  constructor(
    private readonly recipients: RecipientRepository,
    private readonly containers: RecipientContainerRepository,
    private readonly stores: HomeStoreRepository,
    private readonly references: RecipientReferences,
    private readonly roles: RoleService,
  ) {}

  async apply(manager: EntityManager, r: RecipientEntity, c: UpdateRecipientRequest): Promise<void> {
    for (const field of TEXT_FIELDS) {
      const value = c[field];
      if (value !== undefined) r[field] = value;
    }
    if (c.alias !== undefined && c.alias !== r.alias) await this.setAlias(manager, r, c.alias);
    if (c.containerId !== undefined && c.containerId !== r.containerId) {
      if (!(await this.containers.findById(c.containerId, manager))) bad(`container ${c.containerId} does not exist`);
      r.containerId = c.containerId;
    }
    if (c.hiddenFromAddressLists !== undefined) r.hiddenFromAddressLists = c.hiddenFromAddressLists;
    if (c.accountDisabled !== undefined) await this.setDisabled(manager, r, c.accountDisabled);
    await this.applyDelivery(manager, r, c);
    await this.applyGroup(manager, r, c);
    await this.applyRestrictions(manager, r, c);
    this.applyLimits(r, c);
    if (c.protocols) Object.assign(r, stripUndefined(c.protocols));
  }

  private async setAlias(manager: EntityManager, r: RecipientEntity, alias: string): Promise<void> {
    const refusal = aliasError(alias);
    if (refusal) bad(refusal);
    const owner = await this.recipients.findAliasOwner(manager, alias);
    if (owner && owner !== r.id) throw new ConflictException(`the alias ${alias} is already used by another recipient`);
    r.alias = alias;
  }

  /** Disabling the last enabled Full Administrator would lock everyone out of the console. */
  private async setDisabled(manager: EntityManager, r: RecipientEntity, disabled: boolean): Promise<void> {
    if (disabled && r.kind !== 'user') bad('only users have an account to disable');
    if (disabled && !r.accountDisabled) await this.roles.ensureNotLastAdministrator(manager, r.id);
    r.accountDisabled = disabled;
  }

  private async applyDelivery(manager: EntityManager, r: RecipientEntity, c: UpdateRecipientRequest): Promise<void> {
    if (c.mailboxStoreId !== undefined) {
      if (c.mailboxStoreId !== null && !(await this.stores.isMailboxStore(manager, c.mailboxStoreId))) {
        bad(`mailboxStoreId: ${c.mailboxStoreId} is not a mailbox store`);
      }
      r.mailboxStoreId = c.mailboxStoreId;
    }
    if (c.targetAddress !== undefined) {
      if (c.targetAddress === null) r.targetAddress = null;
      else {
        const checked = normaliseEmailAddress(c.targetAddress);
        if (!checked.ok) bad(`targetAddress: ${checked.error}`);
        r.targetAddress = checked.value.address;
      }
    }
    const refusal = deliveryError(r.kind, r.mailboxStoreId, r.targetAddress);
    if (refusal) bad(refusal);
  }

  private async applyGroup(manager: EntityManager, r: RecipientEntity, c: UpdateRecipientRequest): Promise<void> {
    const isGroup = r.kind === 'group' || r.kind === 'query-group';
    if (c.groupType !== undefined) {
      if (r.kind !== 'group') bad('only distribution groups have a group type');
      r.groupType = c.groupType;
    }
    if (c.queryFilter !== undefined) {
      if (r.kind !== 'query-group') bad('only query-based groups have a query filter');
      const refusal = validateRecipientFilter(c.queryFilter);
      if (refusal) bad(`queryFilter: ${refusal}`);
      r.queryFilter = c.queryFilter;
    }
    if (c.managedById !== undefined) {
      if (!isGroup) bad('only groups have a manager (managedById)');
      if (c.managedById !== null) await this.references.require(manager, 'managedById', [c.managedById]);
      r.managedById = c.managedById;
    }
  }

  private async applyRestrictions(
    manager: EntityManager,
    r: RecipientEntity,
    c: UpdateRecipientRequest,
  ): Promise<void> {
    const restrictions = c.restrictions ?? {};
    const options = c.deliveryOptions ?? {};
    if (restrictions.acceptFromIds)
      r.acceptFromIds = await this.references.require(
        manager,
        'restrictions.acceptFromIds',
        restrictions.acceptFromIds,
      );
    if (restrictions.rejectFromIds)
      r.rejectFromIds = await this.references.require(
        manager,
        'restrictions.rejectFromIds',
        restrictions.rejectFromIds,
      );
    if (restrictions.requireAuthenticatedSenders !== undefined)
      r.requireAuthenticatedSenders = restrictions.requireAuthenticatedSenders;
    if (options.forwardingRecipientId !== undefined) {
      const target = options.forwardingRecipientId;
      if (target !== null && target.toLowerCase() === r.id)
        bad('deliveryOptions.forwardingRecipientId: a recipient cannot forward to itself');
      if (target !== null) await this.references.require(manager, 'deliveryOptions.forwardingRecipientId', [target]);
      r.forwardingRecipientId = target === null ? null : target.toLowerCase();
    }
    if (options.deliverAndForward !== undefined) r.deliverAndForward = options.deliverAndForward;
    if (options.sendOnBehalfIds)
      r.sendOnBehalfIds = await this.references.require(
        manager,
        'deliveryOptions.sendOnBehalfIds',
        options.sendOnBehalfIds,
      );
    if (options.sendAsIds)
      r.sendAsIds = await this.references.require(manager, 'deliveryOptions.sendAsIds', options.sendAsIds);
  }

  private applyLimits(r: RecipientEntity, c: UpdateRecipientRequest): void {
    if (!c.limits) return;
    Object.assign(r, stripUndefined(c.limits));
    const refusal = limitsError(r);
    if (refusal) bad(`limits: ${refusal}`);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
