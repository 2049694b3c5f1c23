import { Injectable, computed, inject, signal } from '@angular/core';
import type { AddressBookEntryDto, AddressListDto } from '@estafette/contracts';
import { AddressBookApi } from '../../core/api/address-book.api';
import { toApiProblem, type ApiProblem } from '../../core/api/api-problem';

const PAGE_SIZE = 50;

/** The entries of one address list (the GAL or any other), searchable, one page at a time. */
@Injectable()
export class AddressListEntriesStore {
  private readonly api = inject(AddressBookApi);
  readonly listId = signal<string | null>(null);
  readonly list = signal<AddressListDto | null>(null);
  readonly search = signal('');
  readonly items = signal<AddressBookEntryDto[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly problem = signal<ApiProblem | null>(null);
  readonly selectedKey = signal<string | null>(null);
  readonly hasMore = computed(() => this.nextCursor() !== null);
  readonly selected = computed(() => this.items().find((e) => e.id === this.selectedKey()) ?? null);
  private seq = 0;

  async open(listId: string): Promise<void> {
    if (this.listId() !== listId) {
      this.listId.set(listId);
      this.search.set('');
      this.selectedKey.set(null);
      this.list.set(null);
    }
    this.api.list(listId).then(
      (list) => this.list.set(list),
      (error: unknown) => this.problem.set(toApiProblem(error)),
    );
    await this.reload();
  }

  setSearch(term: string): Promise<void> {
    this.search.set(term);
    return this.reload();
  }

  async reload(): Promise<void> {
    const listId = this.listId();
    if (!listId) return;
    const seq = ++this.seq;
    this.loading.set(true);
    this.problem.set(null);
    try {
      const page = await this.api.entries(listId, { search: this.search().trim() || undefined, limit: PAGE_SIZE });
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
    const listId = this.listId();
    const cursor = this.nextCursor();
    if (!listId || !cursor || this.loading()) return;
    const seq = this.seq;
    this.loading.set(true);
    try {
      const page = await this.api.entries(listId, {
        search: this.search().trim() || undefined,
        limit: PAGE_SIZE,
        cursor,
      });
      if (seq !== this.seq) return;
      const known = new Set(this.items().map((e) => e.id));
      this.items.update((items) => [...items, ...page.items.filter((e) => !known.has(e.id))]);
      this.nextCursor.set(page.nextCursor);
    } catch (error: unknown) {
      this.problem.set(toApiProblem(error));
    } finally {
      if (seq === this.seq) this.loading.set(false);
    }
  }
}
