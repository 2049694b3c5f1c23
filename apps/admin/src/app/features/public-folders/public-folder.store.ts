import { Injectable, inject, signal } from '@angular/core';
import type {
  FolderPermissionRequest,
  PublicFolderDto,
  RecipientSummaryDto,
  UpdatePublicFolderRequest,
} from '@estafette/contracts';
import { PublicFoldersApi } from '../../core/api/public-folders.api';
import { RecipientsApi } from '../../core/api/recipients.api';
import { DirectoryEvents } from '../../core/events/directory-events';
import { Editable } from '../../shared/data/editable';

/** One public folder: its general settings and client permissions. */
@Injectable()
export class PublicFolderStore {
  private readonly api = inject(PublicFoldersApi);
  private readonly recipients = inject(RecipientsApi);
  private readonly events = inject(DirectoryEvents);
  readonly folder = new Editable<PublicFolderDto>();
  readonly names = signal<ReadonlyMap<string, RecipientSummaryDto>>(new Map());

  async load(id: string): Promise<PublicFolderDto | null> {
    const folder = await this.folder.load(() => this.api.folder(id));
    if (folder) {
      const ids = [folder.ownerId, ...folder.permissions.map((p) => p.recipientId)].filter((x): x is string => !!x);
      await this.resolve(ids);
    }
    return folder;
  }

  async resolve(ids: readonly string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.names().has(id));
    const found = await Promise.all(missing.map((id) => this.recipients.recipient(id).catch(() => null)));
    this.remember(found.filter((r): r is NonNullable<typeof r> => r !== null));
  }

  remember(list: readonly RecipientSummaryDto[]): void {
    if (list.length === 0) return;
    this.names.update((map) => {
      const next = new Map(map);
      for (const r of list) next.set(r.id, r);
      return next;
    });
  }

  search(term: string): Promise<RecipientSummaryDto[]> {
    return this.recipients.recipients({ search: term || undefined, limit: 50 }).then((page) => page.items);
  }

  async save(
    id: string,
    changes: UpdatePublicFolderRequest,
    permissions: FolderPermissionRequest[] | null,
  ): Promise<boolean> {
    let saved = true;
    if (Object.keys(changes).length > 0) saved = await this.folder.save(() => this.api.update(id, changes));
    if (saved && permissions !== null) saved = await this.folder.save(() => this.api.setPermissions(id, permissions));
    if (saved) this.events.emit({ type: 'public-folder', id, action: 'update' });
    return saved;
  }
}
