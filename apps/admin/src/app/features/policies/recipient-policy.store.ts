import { Injectable, inject, signal } from '@angular/core';
import type {
  CreateRecipientPolicyRequest,
  PolicyApplicationResult,
  RecipientPolicyDto,
  UpdateRecipientPolicyRequest,
} from '@estafette/contracts';
import { toApiProblem } from '../../core/api/api-problem';
import { RecipientsApi } from '../../core/api/recipients.api';
import { DirectoryEvents } from '../../core/events/directory-events';
import { Editable } from '../../shared/data/editable';

/** One recipient policy: its filter, priority and address templates; "apply now". */
@Injectable()
export class RecipientPolicyStore {
  private readonly api = inject(RecipientsApi);
  private readonly events = inject(DirectoryEvents);
  readonly policy = new Editable<RecipientPolicyDto>();
  readonly applied = signal<PolicyApplicationResult | null>(null);

  load(id: string): Promise<RecipientPolicyDto | null> {
    return this.policy.load(() => this.api.policy(id));
  }

  async create(request: CreateRecipientPolicyRequest): Promise<RecipientPolicyDto | null> {
    const saved = await this.policy.save(() => this.api.createPolicy(request));
    const created = this.policy.value();
    if (saved && created) this.events.emit({ type: 'recipient-policy', id: created.id, action: 'create' });
    return saved ? created : null;
  }

  async save(id: string, changes: UpdateRecipientPolicyRequest): Promise<boolean> {
    const saved = await this.policy.save(() => this.api.updatePolicy(id, changes));
    if (saved) this.events.emit({ type: 'recipient-policy', id, action: 'update' });
    return saved;
  }

  async apply(id: string): Promise<void> {
    this.policy.busy.set(true);
    this.policy.problem.set(null);
    this.applied.set(null);
    try {
      this.applied.set(await this.api.applyPolicy(id));
      this.events.emit({ type: 'recipient-policy', id, action: 'update' });
    } catch (error: unknown) {
      this.policy.problem.set(toApiProblem(error));
    } finally {
      this.policy.busy.set(false);
    }
  }
}
