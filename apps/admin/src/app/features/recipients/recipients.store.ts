import { Injectable, computed, inject, signal } from '@angular/core';
import type { RecipientContainerDto, RecipientSummaryDto } from '@estafette/contracts';
import { toApiProblem, type ApiProblem } from '../../core/api/api-problem';
import { RecipientsApi } from '../../core/api/recipients.api';
import { DirectoryEvents } from '../../core/events/directory-events';
import { DialogService } from '../../shared/ui/dialog.service';

const PAGE_SIZE = 50;

/** The recipients of one container: searchable, fetched page by page (keyset cursor). */
@Injectable()
export class RecipientsStore {
  private readonly api = inject(RecipientsApi);
  private readonly dialogs = inject(DialogService);
  private readonly events = inject(DirectoryEvents);

  readonly containerId = signal<string | null>(null);
  readonly container = signal<RecipientContainerDto | null>(null);
  readonly subContainers = signal<RecipientContainerDto[]>([]);
  readonly search = signal('');
  readonly items = signal<RecipientSummaryDto[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly problem = signal<ApiProblem | null>(null);
  readonly selectedKey = signal<string | null>(null);
  readonly hasMore = computed(() => this.nextCursor() !== null);
  readonly selectedRecipient = computed(() => this.items().find((r) => r.id === this.selectedKey()) ?? null);
  readonly selectedContainer = computed(() => {
    const key = this.selectedKey();
    return key?.startsWith('container:')
      ? (this.subContainers().find((c) => `container:${c.id}` === key) ?? null)
      : null;
  });
  private seq = 0;

  async open(containerId: string): Promise<void> {
    if (this.containerId() !== containerId) {
      this.containerId.set(containerId);
      this.search.set('');
      this.selectedKey.set(null);
    }
    await Promise.all([this.loadContainers(), this.reload()]);
  }

  private async loadContainers(): Promise<void> {
    const id = this.containerId();
    try {
      const all = await this.api.containers();
      this.container.set(all.find((c) => c.id === id) ?? null);
      this.subContainers.set(all.filter((c) => c.parentId === id).sort((a, b) => a.name.localeCompare(b.name)));
    } catch (error: unknown) {
      this.problem.set(toApiProblem(error));
    }
  }

  setSearch(term: string): Promise<void> {
    this.search.set(term);
    return this.reload();
  }

  /** First page again (new container, new search, after a change). */
  async reload(): Promise<void> {
    const containerId = this.containerId();
    if (!containerId) return;
    const seq = ++this.seq;
    this.loading.set(true);
    this.problem.set(null);
    try {
      const page = await this.api.recipients({
        containerId,
        search: this.search().trim() || undefined,
        limit: PAGE_SIZE,
      });
      if (seq !== this.seq) return;
      this.items.set(page.items);
      this.nextCursor.set(page.nextCursor);
    } catch (error: unknown) {
      if (seq === this.seq) this.problem.set(toApiProblem(error));
    } finally {
      if (seq === this.seq) this.loading.set(false);
    }
  }

  async loadMore(): Promise<void> {
    const containerId = this.containerId();
    const cursor = this.nextCursor();
    if (!containerId || !cursor || this.loading()) return;
    const seq = this.seq;
    this.loading.set(true);
    try {
      const page = await this.api.recipients({
        containerId,
        search: this.search().trim() || undefined,
        limit: PAGE_SIZE,
        cursor,
      });
      if (seq !== this.seq) return;
      const known = new Set(this.items().map((r) => r.id));
      this.items.update((items) => [...items, ...page.items.filter((r) => !known.has(r.id))]);
      this.nextCursor.set(page.nextCursor);
    } catch (error: unknown) {
      this.problem.set(toApiProblem(error));
    } finally {
      if (seq === this.seq) this.loading.set(false);
    }
  }

  /** A recipient was just created here: reload and select it, even if it sorts beyond the first page. */
  async showCreated(id: string): Promise<void> {
    await this.reload();
    if (!this.items().some((r) => r.id === id)) {
      try {
        const created = await this.api.recipient(id);
        if (created.containerId === this.containerId()) this.items.update((items) => [created, ...items]);
      } catch {
        return;
      }
    }
    this.selectedKey.set(id);
  }

  async removeSelected(): Promise<void> {
    const recipient = this.selectedRecipient();
    const container = this.selectedContainer();
    const name = recipient?.displayName || recipient?.alias || container?.name;
    if (!name) return;
    const sure = await this.dialogs.confirm({
      title: 'Delete',
      message: recipient
        ? `Are you sure you want to delete "${name}"?${recipient.kind === 'user' ? ' Its mailbox is deleted too.' : ''}`
        : `Are you sure you want to delete the container "${name}"?`,
    });
    if (!sure) return;
    try {
      if (recipient) {
        await this.api.delete(recipient.id);
        this.events.emit({ type: 'recipient', id: recipient.id, action: 'delete' });
      } else if (container) {
        await this.api.deleteContainer(container.id);
        this.events.emit({ type: 'recipient-container', id: container.id, action: 'delete' });
      }
      this.selectedKey.set(null);
      await Promise.all([this.loadContainers(), this.reload()]);
    } catch (error: unknown) {
      this.problem.set(toApiProblem(error));
    }
  }

  async createContainer(): Promise<void> {
    const name = await this.dialogs.prompt({ title: 'New Container', label: 'Container name:' });
    if (!name) return;
    try {
      const created = await this.api.createContainer({ name, parentId: this.containerId() });
      this.events.emit({ type: 'recipient-container', id: created.id, action: 'create' });
      await this.loadContainers();
      this.selectedKey.set(`container:${created.id}`);
    } catch (error: unknown) {
      this.problem.set(toApiProblem(error));
    }
  }
}
