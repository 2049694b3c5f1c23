import { Injectable } from '@angular/core';
import { Subject } from 'rxjs';

export type ObjectType =
  | 'organization'
  | 'server'
  | 'store'
  | 'virtual-server'
  | 'recipient'
  | 'recipient-container'
  | 'recipient-policy'
  | 'address-list'
  | 'public-folder';

export interface DirectoryChange {
  type: ObjectType;
  id: string;
  action: 'create' | 'update' | 'delete';
}

/** Announces saved changes so the tree and the details pane refresh what they show. */
@Injectable({ providedIn: 'root' })
export class DirectoryEvents {
  private readonly subject = new Subject<DirectoryChange>();
  readonly changes = this.subject.asObservable();

  emit(change: DirectoryChange): void {
    this.subject.next(change);
  }
}
