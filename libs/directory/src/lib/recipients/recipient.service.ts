import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  CreateRecipientRequest,
  ListRecipientsQuery,
  Page,
  RecipientDto,
  RecipientSummaryDto,
  UpdateRecipientRequest,
} from '@estafette/contracts';
import { AuditLogService, CredentialService, RoleService, SessionService, type Actor } from '@estafette/security';
import { inTransaction } from '../common/transaction';
import { rethrowConflict } from '../common/unique-violation';
import type { RecipientEntity } from '../entities/recipient.entity';
import { validateRecipientFilter } from '../filters/recipient-filter.validator';
import { RecipientContainerRepository } from './containers/recipient-container.repository';
import { aliasError, normaliseEmailAddress } from './email-address';
import { GroupMembershipService } from './group-membership.service';
import { HomeStoreRepository } from './home-store.repository';
import { LocalServer } from './local-server';
import { RecipientUpdateService } from './policies/recipient-update.service';
import { RecipientAddressesService } from './recipient-addresses.service';
import { POLICY_INPUTS, RecipientEditor } from './recipient-editor';
import { rowToSummaryDto } from './recipient.mapper';
import { decodeCursor, encodeCursor } from './recipient-paging';
import { RecipientReader } from './recipient.reader';
import { RecipientRepository } from './recipient.repository';
import { checkAddressList, createFieldsError, defaultDisplayName } from './recipient-rules';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

function bad(message: string): never {
  throw new BadRequestException(message);
}

/** Users, contacts, distribution groups and query-based groups: create, read, edit, delete. */
@Injectable()
export class RecipientService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly recipients: RecipientRepository,
    private readonly containers: RecipientContainerRepository,
    private readonly stores: HomeStoreRepository,
    private readonly localServer: LocalServer,
    private readonly reader: RecipientReader,
    private readonly editor: RecipientEditor,
    private readonly addresses: RecipientAddressesService,
    private readonly memberships: GroupMembershipService,
    private readonly updates: RecipientUpdateService,
    private readonly credentials: CredentialService,
    private readonly roles: RoleService,
    private readonly sessions: SessionService,
    private readonly audit: AuditLogService,
  ) {}

  get(id: string): Promise<RecipientDto> {
    return this.reader.load(this.db.manager, id);
  }

  async list(query: ListRecipientsQuery): Promise<Page<RecipientSummaryDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
      bad(`limit must be between 1 and ${MAX_PAGE_SIZE}`);
    const rows = await this.recipients.findPage({
      kind: query.kind,
      containerId: query.containerId,
      search: query.search?.trim() || undefined,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(rowToSummaryDto),
      nextCursor: rows.length > limit && last ? encodeCursor({ name: last.sort_key, id: last.id }) : null,
    };
  }

  create(actor: Actor, request: CreateRecipientRequest): Promise<RecipientDto> {
    const refusal = createFieldsError(request) ?? aliasError(request.alias);
    if (refusal) bad(refusal);
    if (request.queryFilter) {
      const filterRefusal = validateRecipientFilter(request.queryFilter);
      if (filterRefusal) bad(`queryFilter: ${filterRefusal}`);
    }
    return inTransaction(this.db, async (manager) => {
      if (await this.recipients.findAliasOwner(manager, request.alias)) {
        throw new ConflictException(`the alias ${request.alias} is already used by another recipient`);
      }
      const entity = this.recipients.create(manager, {
        kind: request.kind,
        containerId: await this.containerFor(manager, request.containerId),
        alias: request.alias,
        displayName:
          request.displayName?.trim() ||
          defaultDisplayName(request.firstName ?? '', request.lastName ?? '', request.alias),
        firstName: request.firstName ?? '',
        lastName: request.lastName ?? '',
        initials: request.initials ?? '',
        title: request.title,
        department: request.department,
        company: request.company,
        office: request.office,
        telephone: request.telephone,
        mobile: request.mobile,
        homePhone: request.homePhone,
        fax: request.fax,
        notes: request.notes,
        hiddenFromAddressLists: request.hiddenFromAddressLists,
        targetAddress: this.targetAddress(request.targetAddress),
        mailboxStoreId: await this.mailboxStoreFor(manager, request),
        groupType: request.kind === 'group' ? (request.groupType ?? 'distribution') : null,
        queryFilter: request.kind === 'query-group' ? (request.queryFilter ?? null) : null,
      });
      const { id } = await this.recipients
        .save(manager, entity)
        .catch((e: unknown) => rethrowConflict(e, `the alias ${request.alias} is already used by another recipient`));
      const saved = (await this.recipients.findById(id, manager)) as RecipientEntity;
      if (request.kind === 'group' && request.memberIds?.length)
        await this.memberships.addInTransaction(manager, saved, request.memberIds);
      if (request.kind === 'user' && request.password !== undefined)
        await this.credentials.setPassword(manager, id, request.password);
      await this.updates.stamp(manager, saved);
      const after = await this.reader.load(manager, id);
      await this.audit.record(manager, actor, {
        action: 'create',
        objectType: 'recipient',
        objectId: id,
        objectName: after.displayName,
        after,
      });
      return after;
    });
  }

  async update(actor: Actor, id: string, changes: UpdateRecipientRequest): Promise<RecipientDto> {
    const wanted = changes.emailAddresses ? checkAddressList(changes.emailAddresses) : null;
    if (wanted && !wanted.ok) bad(`emailAddresses: ${wanted.error}`);
    let closeSessions = false;
    const result = await inTransaction(this.db, async (manager) => {
      const recipient = await this.recipients.findByIdForUpdate(manager, id);
      if (!recipient) throw new NotFoundException(`recipient ${id} does not exist`);
      const before = await this.reader.load(manager, id);
      await this.editor.apply(manager, recipient, changes);
      // Hand-edited addresses stick unless the same request asks the policy to keep managing them.
      recipient.addressesFromPolicy = changes.addressesFromPolicy ?? (wanted ? false : recipient.addressesFromPolicy);
      await this.recipients
        .save(manager, recipient)
        .catch((e: unknown) => rethrowConflict(e, `the alias ${recipient.alias} is already used by another recipient`));
      if (wanted?.ok) recipient.primarySmtpAddress = await this.addresses.replace(manager, id, wanted.value);
      const policyInputChanged = POLICY_INPUTS.some((field) => before[field] !== recipient[field]);
      if (recipient.addressesFromPolicy && (policyInputChanged || wanted || !before.addressesFromPolicy)) {
        await this.updates.stamp(manager, recipient);
      }
      closeSessions = recipient.accountDisabled && !before.accountDisabled;
      const after = await this.reader.load(manager, id);
      await this.audit.record(manager, actor, {
        action: 'update',
        objectType: 'recipient',
        objectId: id,
        objectName: after.displayName,
        before,
        after,
      });
      return after;
    });
    // Outside the transaction: sessions live in another table the session service owns.
    if (closeSessions) await this.sessions.closeAllOf(id);
    // Mail protocol logins remembered for this account end with any change to it (state, protocols, addresses).
    this.credentials.forgetVerified(id);
    return result;
  }

  async delete(actor: Actor, id: string): Promise<void> {
    await inTransaction(this.db, async (manager) => {
      const recipient = await this.recipients.findByIdForUpdate(manager, id);
      if (!recipient) throw new NotFoundException(`recipient ${id} does not exist`);
      const before = await this.reader.load(manager, id);
      if (recipient.kind === 'user') await this.roles.ensureNotLastAdministrator(manager, id);
      await this.recipients.removeFromReferenceLists(manager, id);
      await this.recipients.delete(manager, id);
      await this.audit.record(manager, actor, {
        action: 'delete',
        objectType: 'recipient',
        objectId: id,
        objectName: before.displayName,
        before,
      });
    });
    this.credentials.forgetVerified(id);
  }

  private async containerFor(manager: EntityManager, containerId: string | undefined): Promise<string> {
    if (containerId) {
      if (!(await this.containers.findById(containerId, manager)))
        bad(`containerId: container ${containerId} does not exist`);
      return containerId;
    }
    return (
      (await this.containers.findDefaultContainerId(manager)) ??
      bad('containerId is required: there is no top-level Users container')
    );
  }

  private targetAddress(text: string | null | undefined): string | null {
    if (!text) return null;
    const checked = normaliseEmailAddress(text);
    if (!checked.ok) bad(`targetAddress: ${checked.error}`);
    return checked.value.address;
  }

  /** Mailbox-enabled users get the given store or this server's first mounted mailbox store. */
  private async mailboxStoreFor(manager: EntityManager, request: CreateRecipientRequest): Promise<string | null> {
    if (request.kind !== 'user' || request.targetAddress) return null;
    if (request.mailboxStoreId) {
      if (!(await this.stores.isMailboxStore(manager, request.mailboxStoreId)))
        bad(`mailboxStoreId: ${request.mailboxStoreId} is not a mailbox store`);
      return request.mailboxStoreId;
    }
    return (
      (await this.stores.findFirstMountedMailboxStore(manager, this.localServer.name())) ??
      bad('mailboxStoreId is required: this server has no mounted mailbox store')
    );
  }
}
