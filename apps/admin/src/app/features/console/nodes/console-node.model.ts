import type { NodeRef } from '../../../core/navigation/node-path';
import type { SheetRef } from '../../../core/navigation/sheet-navigator';
import type { IconName } from '../../../shared/ui/icon.component';
import type { ListColumn, ListRow } from '../../../shared/ui/list-view.component';

export interface TreeNode {
  path: string;
  ref: NodeRef;
  label: string;
  icon: IconName;
  /** True when the node never has children in the tree (its contents show in the details pane only). */
  leaf: boolean;
}

export type RemovableType = 'recipient' | 'recipient-policy' | 'address-list' | 'public-folder' | 'recipient-container';

export interface RemoveRef {
  type: RemovableType;
  id: string;
  name: string;
}

export type NewKind = 'recipient-policy' | 'address-list' | 'public-folder' | 'recipient-container' | 'user';

export interface NewAction {
  kind: NewKind;
  label: string;
  /** The container, folder or list the new object goes in. */
  parentId: string | null;
}

export interface DetailRow extends ListRow {
  /** Where double-clicking goes: a child node of the tree. */
  path?: string;
  /** Its property sheet. */
  sheet?: SheetRef;
  /** A leaf of the tree: double-clicking opens its property sheet instead of going into it. */
  leaf?: boolean;
  remove?: RemoveRef;
}

export interface DetailsModel {
  columns: ListColumn[];
  rows: DetailRow[];
  empty: string;
  newActions: NewAction[];
  /** The property sheet of the selected node itself. */
  sheet: SheetRef | null;
  /** A property/value listing rather than a list of children. */
  summary: boolean;
}
