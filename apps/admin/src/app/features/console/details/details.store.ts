import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { AddressBookApi } from '../../../core/api/address-book.api';
import { toApiProblem, type ApiProblem } from '../../../core/api/api-problem';
import { PublicFoldersApi } from '../../../core/api/public-folders.api';
import { RecipientsApi } from '../../../core/api/recipients.api';
import { DirectoryEvents, type ObjectType } from '../../../core/events/directory-events';
import { parseNodePath, parentPath } from '../../../core/navigation/node-path';
import { SheetNavigator, type SheetRef } from '../../../core/navigation/sheet-navigator';
import { DialogService } from '../../../shared/ui/dialog.service';
import type { DetailRow, DetailsModel, NewAction, RemoveRef, TreeNode } from '../nodes/console-node.model';
import { ConsoleNodes } from '../nodes/console-nodes.service';
import { TreeStore } from '../tree/tree.store';

/** State of the details pane for one node: its rows, the selected row, and the actions on them. */
@Injectable()
export class DetailsStore {
  private readonly nodes = inject(ConsoleNodes);
  private readonly tree = inject(TreeStore);
  private readonly router = inject(Router);
  private readonly sheets = inject(SheetNavigator);
  private readonly dialogs = inject(DialogService);
  private readonly events = inject(DirectoryEvents);
  private readonly recipients = inject(RecipientsApi);
  private readonly addressBook = inject(AddressBookApi);
  private readonly folders = inject(PublicFoldersApi);

  private readonly currentPath = signal<string | null>(null);
  readonly model = signal<DetailsModel | null>(null);
  readonly loading = signal(false);
  readonly problem = signal<ApiProblem | null>(null);
  readonly selectedKey = signal<string | null>(null);
  readonly selectedRow = computed(() => this.model()?.rows.find((r) => r.key === this.selectedKey()) ?? null);
  readonly node = computed(() => {
    const path = this.currentPath();
    return path ? this.tree.node(path) : null;
  });
  private loadSeq = 0;

  async load(path: string): Promise<void> {
    const seq = ++this.loadSeq;
    if (this.currentPath() !== path) {
      this.currentPath.set(path);
      this.model.set(null);
      this.selectedKey.set(null);
    }
    const ref = parseNodePath(path);
    if (!ref) return;
    const node: TreeNode = this.tree.node(path) ?? { path, ref, label: '', icon: 'folder', leaf: false };
    this.loading.set(true);
    this.problem.set(null);
    try {
      const model = await this.nodes.details(node);
      if (seq !== this.loadSeq) return;
      this.model.set(model);
      if (!model.rows.some((r) => r.key === this.selectedKey())) this.selectedKey.set(null);
    } catch (error: unknown) {
      if (seq === this.loadSeq) this.problem.set(toApiProblem(error));
    } finally {
      if (seq === this.loadSeq) this.loading.set(false);
    }
  }

  reload(): Promise<void> {
    const path = this.currentPath();
    return path
      ? Promise.all([this.load(path), this.tree.refreshAround(path)]).then(() => undefined)
      : Promise.resolve();
  }

  /** Double-click or Enter: go into a container, or open the properties of a leaf. */
  open(row: DetailRow): void {
    if (row.sheet && (row.leaf || !row.path)) void this.sheets.open(row.sheet);
    else if (row.path) void this.router.navigateByUrl('/' + row.path);
  }

  /** Properties of the selected row, or of the node itself when no row is selected. */
  properties(): void {
    const sheet: SheetRef | null | undefined = this.selectedRow()?.sheet ?? this.model()?.sheet;
    if (sheet) void this.sheets.open(sheet);
  }

  canShowProperties(): boolean {
    return Boolean(this.selectedRow()?.sheet ?? this.model()?.sheet);
  }

  goUp(): void {
    const path = this.currentPath();
    const parent = path ? parentPath(path) : null;
    if (parent) void this.router.navigateByUrl('/' + parent);
  }

  async remove(target: RemoveRef): Promise<void> {
    const confirmed = await this.dialogs.confirm({
      title: 'Delete',
      message: `Are you sure you want to delete "${target.name}"? This cannot be undone.`,
    });
    if (!confirmed) return;
    this.problem.set(null);
    try {
      await this.deleteObject(target);
      this.selectedKey.set(null);
      this.events.emit({ type: target.type, id: target.id, action: 'delete' });
    } catch (error: unknown) {
      this.problem.set(toApiProblem(error));
    }
  }

  async create(action: NewAction): Promise<void> {
    // Policies and address lists need more than a name: their sheet opens in "new" mode.
    if (action.kind === 'recipient-policy' || action.kind === 'address-list') {
      void this.sheets.open({ kind: action.kind, id: 'new' });
      return;
    }
    const name = await this.dialogs.prompt({ title: `New ${action.label.replace('…', '')}`, label: 'Name:' });
    if (!name) return;
    this.problem.set(null);
    try {
      const created = await this.createObject(action, name);
      this.events.emit({ type: created.type, id: created.id, action: 'create' });
      const path = this.currentPath() ?? '';
      await this.load(path);
      // Show the new child in the tree too: the node may have had no children (no +/- box) until now.
      await this.tree.refreshAround(path);
      await this.tree.expand(path);
      this.selectedKey.set(
        this.model()?.rows.find((r) => r.key === created.id || r.path?.endsWith(created.id))?.key ?? null,
      );
      if (created.sheet) void this.sheets.open(created.sheet);
    } catch (error: unknown) {
      this.problem.set(toApiProblem(error));
    }
  }

  private deleteObject(target: RemoveRef): Promise<unknown> {
    switch (target.type) {
      case 'recipient':
        return this.recipients.delete(target.id);
      case 'recipient-policy':
        return this.recipients.deletePolicy(target.id);
      case 'recipient-container':
        return this.recipients.deleteContainer(target.id);
      case 'address-list':
        return this.addressBook.delete(target.id);
      case 'public-folder':
        return this.folders.delete(target.id);
    }
  }

  private async createObject(
    action: NewAction,
    name: string,
  ): Promise<{ type: ObjectType; id: string; sheet?: SheetRef }> {
    switch (action.kind) {
      case 'public-folder': {
        if (!action.parentId) throw new Error('A public folder needs a parent folder.');
        const folder = await this.folders.create({ name, parentId: action.parentId });
        return { type: 'public-folder', id: folder.id, sheet: { kind: 'public-folder', id: folder.id } };
      }
      case 'recipient-container': {
        const container = await this.recipients.createContainer({ name, parentId: action.parentId });
        return { type: 'recipient-container', id: container.id };
      }
      case 'recipient-policy':
      case 'address-list':
      case 'user':
        throw new Error(`${action.label} is created from its own dialog.`);
    }
  }
}
