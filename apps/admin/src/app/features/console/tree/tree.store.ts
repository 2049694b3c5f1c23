import { Injectable, computed, inject, signal } from '@angular/core';
import { toApiProblem } from '../../../core/api/api-problem';
import { ROOT_PATH, ancestry, parentPath } from '../../../core/navigation/node-path';
import type { TreeNode } from '../nodes/console-node.model';
import { ConsoleNodes } from '../nodes/console-nodes.service';

interface TreeEntry {
  node: TreeNode;
  /** Null until the children have been loaded. */
  childPaths: string[] | null;
  loading: boolean;
  error: string | null;
}

export interface VisibleTreeRow {
  path: string;
  node: TreeNode;
  level: number;
  posInSet: number;
  setSize: number;
  expanded: boolean;
  expandable: boolean;
  loading: boolean;
  error: string | null;
}

/** The console tree: nodes loaded so far, which are expanded, which is selected. Children load when first expanded. */
@Injectable({ providedIn: 'root' })
export class TreeStore {
  private readonly nodes = inject(ConsoleNodes);
  private readonly entries = signal<ReadonlyMap<string, TreeEntry>>(
    new Map([[ROOT_PATH, { node: this.nodes.rootNode(), childPaths: null, loading: false, error: null }]]),
  );
  private readonly expandedPaths = signal<ReadonlySet<string>>(new Set([ROOT_PATH]));
  private readonly selected = signal<string>(ROOT_PATH);
  private rootLabelLoaded = false;
  private readonly inFlight = new Map<string, Promise<void>>();

  readonly selectedPath = this.selected.asReadonly();
  readonly selectedNode = computed(() => this.entries().get(this.selected())?.node ?? null);
  readonly organizationName = computed(() => this.entries().get(ROOT_PATH)?.node.label ?? '');

  readonly visibleRows = computed<VisibleTreeRow[]>(() => {
    const entries = this.entries();
    const expanded = this.expandedPaths();
    const rows: VisibleTreeRow[] = [];
    const walk = (path: string, level: number, posInSet: number, setSize: number) => {
      const entry = entries.get(path);
      if (!entry) return;
      const isExpanded = expanded.has(path) && !entry.node.leaf;
      const expandable =
        !entry.node.leaf && (entry.childPaths === null || entry.childPaths.length > 0 || entry.loading);
      rows.push({
        path,
        node: entry.node,
        level,
        posInSet,
        setSize,
        expanded: isExpanded && expandable,
        expandable,
        loading: entry.loading,
        error: entry.error,
      });
      if (isExpanded && entry.childPaths) {
        entry.childPaths.forEach((child, i) => walk(child, level + 1, i + 1, entry.childPaths?.length ?? 0));
      }
    };
    walk(ROOT_PATH, 1, 1, 1);
    return rows;
  });

  /** Forgets everything (sign-out): the next administrator may see a different organisation. */
  reset(): void {
    this.entries.set(
      new Map([[ROOT_PATH, { node: this.nodes.rootNode(), childPaths: null, loading: false, error: null }]]),
    );
    this.expandedPaths.set(new Set([ROOT_PATH]));
    this.selected.set(ROOT_PATH);
    this.rootLabelLoaded = false;
  }

  node(path: string): TreeNode | null {
    return this.entries().get(path)?.node ?? null;
  }

  isExpanded(path: string): boolean {
    return this.expandedPaths().has(path);
  }

  async loadRootLabel(force = false): Promise<void> {
    if (this.rootLabelLoaded && !force) return;
    this.rootLabelLoaded = true;
    try {
      const label = await this.nodes.rootLabel();
      this.patch(ROOT_PATH, (e) => ({ ...e, node: { ...e.node, label } }));
    } catch {
      this.rootLabelLoaded = false;
    }
  }

  async expand(path: string): Promise<void> {
    this.expandedPaths.update((set) => new Set(set).add(path));
    await this.loadChildren(path);
  }

  collapse(path: string): void {
    this.expandedPaths.update((set) => {
      const next = new Set(set);
      next.delete(path);
      return next;
    });
  }

  toggle(path: string): Promise<void> {
    if (this.isExpanded(path)) {
      this.collapse(path);
      return Promise.resolve();
    }
    return this.expand(path);
  }

  /** Selects a node, loading and expanding its ancestors first (deep links, reloads). */
  async reveal(path: string): Promise<void> {
    this.selected.set(path);
    // The organisation node starts expanded, so its children are always wanted.
    await this.loadChildren(ROOT_PATH);
    const chain = ancestry(path);
    for (const ancestor of chain.slice(0, -1)) {
      if (!this.entries().has(ancestor)) return;
      await this.expand(ancestor);
    }
  }

  /** Reloads the children of a node, keeping what is expanded below it. */
  async refresh(path: string): Promise<void> {
    if (this.entries().get(path)?.childPaths !== null) await this.loadChildren(path, true);
  }

  /** After a change: reload what the selected node and its parent show. */
  async refreshAround(path: string): Promise<void> {
    const parent = parentPath(path);
    await Promise.all([this.refresh(path), parent ? this.refresh(parent) : Promise.resolve()]);
  }

  loadChildren(path: string, force = false): Promise<void> {
    const running = this.inFlight.get(path);
    if (running) return running;
    const entry = this.entries().get(path);
    if (!entry || entry.node.leaf || (entry.childPaths !== null && !force)) return Promise.resolve();
    const load = this.fetchChildren(path, entry.node).finally(() => this.inFlight.delete(path));
    this.inFlight.set(path, load);
    return load;
  }

  private async fetchChildren(path: string, node: TreeNode): Promise<void> {
    this.patch(path, (e) => ({ ...e, loading: true, error: null }));
    try {
      const children = await this.nodes.children(node);
      this.entries.update((map) => {
        const next = new Map(map);
        for (const child of children) {
          const existing = next.get(child.path);
          next.set(
            child.path,
            existing ? { ...existing, node: child } : { node: child, childPaths: null, loading: false, error: null },
          );
        }
        const current = next.get(path);
        if (current)
          next.set(path, { ...current, childPaths: children.map((c) => c.path), loading: false, error: null });
        return next;
      });
    } catch (error: unknown) {
      this.patch(path, (e) => ({ ...e, loading: false, error: toApiProblem(error).message }));
    }
  }

  private patch(path: string, change: (entry: TreeEntry) => TreeEntry): void {
    this.entries.update((map) => {
      const entry = map.get(path);
      if (!entry) return map;
      const next = new Map(map);
      next.set(path, change(entry));
      return next;
    });
  }
}
