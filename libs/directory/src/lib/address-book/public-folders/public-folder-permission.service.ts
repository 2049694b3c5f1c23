import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PublicFolderDto, SetFolderPermissionsRequest } from '@estafette/contracts';
import { AuditLogService, type Actor } from '@estafette/security';
import { inTransaction } from '../../common/transaction';
import { normalizePermissions } from './folder-permission-rules';
import { PublicFolderPermissionRepository } from './public-folder-permission.repository';
import { PublicFolderService } from './public-folder.service';
import { RecipientReferenceCheck } from './recipient-reference.check';

/** Client permissions of a public folder, saved as a whole list like the Permissions tab does. */
@Injectable()
export class PublicFolderPermissionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly folders: PublicFolderService,
    private readonly permissions: PublicFolderPermissionRepository,
    private readonly recipients: RecipientReferenceCheck,
    private readonly audit: AuditLogService,
  ) {}

  replace(actor: Actor, folderId: string, requested: SetFolderPermissionsRequest): Promise<PublicFolderDto> {
    const result = normalizePermissions(requested);
    if ('error' in result) throw new BadRequestException(result.error);
    return inTransaction(this.db, async (manager) => {
      await this.folders.mustLock(manager, folderId);
      const ids = result.entries.flatMap((e) => (e.recipientId ? [e.recipientId] : []));
      await this.recipients.mustExist(manager, ids, 'recipientId');
      const before = await this.folders.view(folderId, manager);
      await this.permissions.replace(manager, folderId, result.entries);
      const after = await this.folders.view(folderId, manager);
      await this.audit.record(manager, actor, {
        action: 'update',
        objectType: 'public-folder',
        objectId: folderId,
        objectName: after.path,
        before: { permissions: before.permissions },
        after: { permissions: after.permissions },
      });
      return after;
    });
  }
}
