import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  CreateRecipientContainerRequest,
  RecipientContainerDto,
  UpdateRecipientContainerRequest,
} from '@estafette/contracts';
import { AuditLogService, type Actor } from '@estafette/security';
import { inTransaction } from '../../common/transaction';
import { rethrowConflict } from '../../common/unique-violation';
import type { RecipientContainerEntity } from '../../entities/recipient-container.entity';
import { RecipientContainerRepository } from './recipient-container.repository';

export function toContainerDto(c: RecipientContainerEntity): RecipientContainerDto {
  return { id: c.id, parentId: c.parentId, name: c.name, description: c.description };
}

/** Recipient containers: the organisational units that hold recipients and scope delegated administration. */
@Injectable()
export class RecipientContainerService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly containers: RecipientContainerRepository,
    private readonly audit: AuditLogService,
  ) {}

  async list(): Promise<RecipientContainerDto[]> {
    return (await this.containers.findAll()).map(toContainerDto);
  }

  async get(id: string): Promise<RecipientContainerDto> {
    const container = await this.containers.findById(id);
    if (!container) throw new NotFoundException(`recipient container ${id} does not exist`);
    return toContainerDto(container);
  }

  create(actor: Actor, request: CreateRecipientContainerRequest): Promise<RecipientContainerDto> {
    return inTransaction(this.db, async (manager) => {
      const parentId = request.parentId ?? null;
      if (parentId && !(await this.containers.findById(parentId, manager))) {
        throw new BadRequestException(`parent container ${parentId} does not exist`);
      }
      const entity = this.containers.create(manager, {
        name: request.name.trim(),
        parentId,
        description: request.description ?? '',
      });
      const saved = await this.containers
        .save(manager, entity)
        .catch((e: unknown) => rethrowConflict(e, this.nameTaken(entity.name)));
      const after = toContainerDto(saved);
      await this.audit.record(manager, actor, {
        action: 'create',
        objectType: 'recipient-container',
        objectId: saved.id,
        objectName: saved.name,
        after,
      });
      return after;
    });
  }

  update(actor: Actor, id: string, changes: UpdateRecipientContainerRequest): Promise<RecipientContainerDto> {
    return inTransaction(this.db, async (manager) => {
      const container = await this.requireForUpdate(manager, id);
      const before = toContainerDto(container);
      if (changes.parentId !== undefined && changes.parentId !== container.parentId) {
        await this.checkMove(manager, container, changes.parentId);
        container.parentId = changes.parentId;
      }
      if (changes.name !== undefined) container.name = changes.name.trim();
      if (changes.description !== undefined) container.description = changes.description;
      const saved = await this.containers
        .save(manager, container)
        .catch((e: unknown) => rethrowConflict(e, this.nameTaken(container.name)));
      const after = toContainerDto(saved);
      await this.audit.record(manager, actor, {
        action: 'update',
        objectType: 'recipient-container',
        objectId: id,
        objectName: saved.name,
        before,
        after,
      });
      return after;
    });
  }

  delete(actor: Actor, id: string): Promise<void> {
    return inTransaction(this.db, async (manager) => {
      const container = await this.requireForUpdate(manager, id);
      if ((await this.containers.countChildren(manager, id)) > 0) {
        throw new ConflictException(`container ${container.name} still holds other containers`);
      }
      const recipients = await this.containers.countRecipients(manager, id);
      if (recipients > 0)
        throw new ConflictException(`container ${container.name} still holds ${recipients} recipient(s)`);
      await this.containers.delete(manager, id);
      await this.audit.record(manager, actor, {
        action: 'delete',
        objectType: 'recipient-container',
        objectId: id,
        objectName: container.name,
        before: toContainerDto(container),
      });
    });
  }

  /** Re-parenting must not put a container below itself. */
  private async checkMove(
    manager: EntityManager,
    container: RecipientContainerEntity,
    parentId: string | null,
  ): Promise<void> {
    if (parentId === null) return;
    await this.containers.lockHierarchy(manager);
    const parent = await this.containers.findById(parentId, manager);
    if (!parent) throw new BadRequestException(`parent container ${parentId} does not exist`);
    const chain = [parentId, ...(await this.containers.findAncestorIds(parentId, manager))];
    if (chain.includes(container.id)) {
      throw new ConflictException(`moving ${container.name} under ${parent.name} would create a loop`);
    }
  }

  private async requireForUpdate(manager: EntityManager, id: string): Promise<RecipientContainerEntity> {
    const container = await this.containers.findByIdForUpdate(manager, id);
    if (!container) throw new NotFoundException(`recipient container ${id} does not exist`);
    return container;
  }

  private nameTaken(name: string): string {
    return `a container named ${name} already exists here`;
  }
}
