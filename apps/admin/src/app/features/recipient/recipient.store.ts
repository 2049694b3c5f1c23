import { Injectable, inject, signal } from '@angular/core';
import type {
  InformationStoreDto,
  MailboxStatsDto,
  RecipientDto,
  RecipientSummaryDto,
  ServerDto,
  UpdateRecipientRequest,
} from '@estafette/contracts';
import { toApiProblem, type ApiProblem } from '../../core/api/api-problem';
import { MailboxesApi } from '../../core/api/mailboxes.api';
import { RecipientsApi } from '../../core/api/recipients.api';
import { TopologyApi } from '../../core/api/topology.api';
import { DirectoryEvents } from '../../core/events/directory-events';
import { Editable } from '../../shared/data/editable';

/** One recipient's property sheet: the recipient, the names of recipients it refers to, mailbox stores. */
@Injectable()
export class RecipientStore {
  private readonly api = inject(RecipientsApi);
  private readonly topology = inject(TopologyApi);
  private readonly events = inject(DirectoryEvents);
  private readonly mailboxes = inject(MailboxesApi);

  readonly recipient = new Editable<RecipientDto>();
  readonly mailboxStores = signal<InformationStoreDto[]>([]);
  readonly servers = signal<ServerDto[]>([]);
  /** Display names of the recipients this one refers to (members, forwarding, restrictions). */
  readonly names = signal<ReadonlyMap<string, RecipientSummaryDto>>(new Map());
  readonly passwordProblem = signal<ApiProblem | null>(null);
  readonly passwordSet = signal(false);
  readonly stats = signal<MailboxStatsDto | null>(null);
  readonly statsProblem = signal<ApiProblem | null>(null);
  /** The groups listing this recipient (the Member Of tab); null until loaded. */
  readonly memberOf = signal<RecipientSummaryDto[] | null>(null);

  async load(id: string): Promise<RecipientDto | null> {
    const [recipient] = await Promise.all([
      this.recipient.load(() => this.api.recipient(id)),
      this.topology.stores({ kind: 'mailbox' }).then(
        (stores) => this.mailboxStores.set(stores),
        () => undefined,
      ),
      this.topology.servers().then(
        (servers) => this.servers.set(servers),
        () => undefined,
      ),
      this.api.memberOf(id).then(
        (groups) => this.memberOf.set(groups),
        () => this.memberOf.set([]),
      ),
    ]);
    if (recipient) await this.resolveNames(this.referencedIds(recipient));
    return recipient;
  }

  private referencedIds(r: RecipientDto): string[] {
    return [
      ...r.memberIds,
      ...r.restrictions.acceptFromIds,
      ...r.restrictions.rejectFromIds,
      ...r.deliveryOptions.sendOnBehalfIds,
      ...(r.deliveryOptions.forwardingRecipientId ? [r.deliveryOptions.forwardingRecipientId] : []),
    ];
  }

  /** Size, items and quota state of the mailbox (ESM's Mailboxes view of the store). */
  async loadStats(id: string): Promise<void> {
    this.statsProblem.set(null);
    try {
      this.stats.set(await this.mailboxes.stats(id));
    } catch (error: unknown) {
      this.statsProblem.set(toApiProblem(error));
    }
  }

  /** Fetches the names of recipients not seen yet; an id that no longer resolves shows as the id. */
  async resolveNames(ids: readonly string[]): Promise<void> {
    const known = this.names();
    const missing = [...new Set(ids)].filter((id) => !known.has(id));
    const found = await Promise.all(missing.map((id) => this.api.recipient(id).catch(() => null)));
    if (found.every((r) => r === null)) return;
    this.names.update((map) => {
      const next = new Map(map);
      for (const r of found) if (r) next.set(r.id, r);
      return next;
    });
  }

  remember(recipients: readonly RecipientSummaryDto[]): void {
    this.names.update((map) => {
      const next = new Map(map);
      for (const r of recipients) next.set(r.id, r);
      return next;
    });
  }

  async save(id: string, changes: UpdateRecipientRequest, memberIds: string[] | null): Promise<boolean> {
    let saved = true;
    if (Object.keys(changes).length > 0) saved = await this.recipient.save(() => this.api.update(id, changes));
    if (saved && memberIds !== null) saved = await this.recipient.save(() => this.api.setMembers(id, memberIds));
    if (saved) this.events.emit({ type: 'recipient', id, action: 'update' });
    return saved;
  }

  async setPassword(id: string, password: string): Promise<boolean> {
    this.passwordProblem.set(null);
    this.passwordSet.set(false);
    try {
      await this.api.setPassword(id, password);
      this.passwordSet.set(true);
      return true;
    } catch (error: unknown) {
      this.passwordProblem.set(toApiProblem(error));
      return false;
    }
  }

  search(term: string): Promise<RecipientSummaryDto[]> {
    return this.api.recipients({ search: term || undefined, limit: 50 }).then((page) => page.items);
  }
}
