import { Injectable, computed, inject, signal } from '@angular/core';
import type {
  CreateRecipientRequest,
  InformationStoreDto,
  RecipientContainerDto,
  RecipientDto,
  ServerDto,
} from '@estafette/contracts';
import { toApiProblem, type ApiProblem } from '../../core/api/api-problem';
import { RecipientsApi } from '../../core/api/recipients.api';
import { TopologyApi } from '../../core/api/topology.api';
import { DirectoryEvents } from '../../core/events/directory-events';

export interface MailboxStoreChoice {
  id: string;
  label: string;
}

/** The New User wizard: where the user goes, which mailbox stores can take its mailbox, the create call. */
@Injectable()
export class NewUserStore {
  private readonly recipients = inject(RecipientsApi);
  private readonly topology = inject(TopologyApi);
  private readonly events = inject(DirectoryEvents);

  readonly container = signal<RecipientContainerDto | null>(null);
  readonly stores = signal<InformationStoreDto[]>([]);
  readonly servers = signal<ServerDto[]>([]);
  readonly loadingStores = signal(false);
  readonly storesProblem = signal<ApiProblem | null>(null);
  readonly busy = signal(false);
  readonly problem = signal<ApiProblem | null>(null);

  /** Only mounted mailbox stores can take a new mailbox. */
  readonly mailboxStores = computed<MailboxStoreChoice[]>(() => {
    const serverName = new Map(this.servers().map((s) => [s.id, s.name]));
    return this.stores()
      .filter((s) => s.kind === 'mailbox' && s.mounted)
      .map((s) => ({ id: s.id, label: `${serverName.get(s.serverId) ?? 'Server'} / ${s.name}` }))
      .sort((a, b) => a.label.localeCompare(b.label));
  });

  async load(containerId: string): Promise<void> {
    this.loadingStores.set(true);
    await Promise.all([
      this.recipients.containers().then(
        (all) => this.container.set(all.find((c) => c.id === containerId) ?? null),
        () => this.container.set(null),
      ),
      this.topology.servers().then(
        (servers) => this.servers.set(servers),
        () => undefined,
      ),
      this.topology.stores({ kind: 'mailbox' }).then(
        (stores) => this.stores.set(stores),
        (error: unknown) => this.storesProblem.set(toApiProblem(error)),
      ),
    ]);
    this.loadingStores.set(false);
  }

  async create(request: CreateRecipientRequest): Promise<RecipientDto | null> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      const created = await this.recipients.create(request);
      this.events.emit({ type: 'recipient', id: created.id, action: 'create' });
      return created;
    } catch (error: unknown) {
      this.problem.set(toApiProblem(error));
      return null;
    } finally {
      this.busy.set(false);
    }
  }
}
