import { signal } from '@angular/core';
import { toApiProblem, type ApiProblem } from '../../core/api/api-problem';

/**
 * Load / save state of one object shown in a property sheet. Feature stores
 * hold one of these and add the calls that are theirs.
 */
export class Editable<T> {
  readonly value = signal<T | null>(null);
  readonly loading = signal(false);
  readonly busy = signal(false);
  readonly problem = signal<ApiProblem | null>(null);

  async load(fetch: () => Promise<T>): Promise<T | null> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const value = await fetch();
      this.value.set(value);
      return value;
    } catch (error: unknown) {
      this.problem.set(toApiProblem(error));
      return null;
    } finally {
      this.loading.set(false);
    }
  }

  /** Runs a write; on success the answer becomes the value. False when the API refused it (see `problem`). */
  async save(write: () => Promise<T>): Promise<boolean> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      this.value.set(await write());
      return true;
    } catch (error: unknown) {
      this.problem.set(toApiProblem(error));
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
