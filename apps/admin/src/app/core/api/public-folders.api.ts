import { Injectable, inject } from '@angular/core';
import type {
  CreatePublicFolderRequest,
  PublicFolderDto,
  SetFolderPermissionsRequest,
  UpdatePublicFolderRequest,
} from '@estafette/contracts';
import { ApiHttp } from './api-http';

@Injectable({ providedIn: 'root' })
export class PublicFoldersApi {
  private readonly http = inject(ApiHttp);

  /** The root of the tree, "Public Folders". */
  root(): Promise<PublicFolderDto> {
    return this.http.get('/public-folders/root');
  }

  children(parentId: string): Promise<PublicFolderDto[]> {
    return this.http.list('/public-folders', { parentId });
  }

  folder(id: string): Promise<PublicFolderDto> {
    return this.http.get(`/public-folders/${encodeURIComponent(id)}`);
  }

  create(request: CreatePublicFolderRequest): Promise<PublicFolderDto> {
    return this.http.post('/public-folders', request);
  }

  update(id: string, changes: UpdatePublicFolderRequest): Promise<PublicFolderDto> {
    return this.http.patch(`/public-folders/${encodeURIComponent(id)}`, changes);
  }

  /** Replaces the whole client permission list. */
  setPermissions(id: string, permissions: SetFolderPermissionsRequest): Promise<PublicFolderDto> {
    return this.http.put(`/public-folders/${encodeURIComponent(id)}/permissions`, permissions);
  }

  delete(id: string): Promise<unknown> {
    return this.http.delete(`/public-folders/${encodeURIComponent(id)}`);
  }
}
