import { Injectable, computed, inject, signal } from '@angular/core';
import type { AuditEntryDto } from '@estafette/contracts';
import { toApiProblem, type ApiProblem } from '../../core/api/api-problem';
import { OrganizationApi } from '../../core/api/organization.api';

const PAGE_SIZE = 100;

/** The audit log, newest first, with older entries fetched on demand. */
@Injectable()
export class AuditStore {
  private readonly api = inject(OrganizationApi);
  readonly objectType = signal('');
  readonly entries = signal<AuditEntryDto[]>([]);
  readonly hasMore = signal(false);
  readonly loading = signal(false);
  readonly problem = signal<ApiProblem | null>(null);
  readonly selectedKey = signal<string | null>(null);
  readonly selected = computed(() => this.entries().find((e) => e.id === this.selectedKey()) ?? null);
  readonly objectTypes = computed(() => [...new Set(this.entries().map((e) => e.objectType))].sort());

  async reload(): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const entries = await this.api.audit({ objectType: this.objectType() || undefined, limit: PAGE_SIZE });
      this.entries.set(entries);
      this.hasMore.set(entries.length === PAGE_SIZE);
    } catch (error: unknown) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  async loadOlder(): Promise<void> {
    const last = this.entries().at(-1);
    if (!last || this.loading()) return;
    this.loading.set(true);
    try {
      const older = await this.api.audit({
        objectType: this.objectType() || undefined,
        before: last.id,
        limit: PAGE_SIZE,
      });
      this.entries.update((entries) => [...entries, ...older]);
      this.hasMore.set(older.length === PAGE_SIZE);
    } catch (error: unknown) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  setObjectType(type: string): Promise<void> {
    this.objectType.set(type);
    return this.reload();
  }
}
