import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BLOB_STORE, GroupCommit, QUEUE_NAMESPACE, type BlobStore, type MergedWork } from '@estafette/store';
import { Categorizer, type CategorizedCopy } from '../categorizer/categorizer';
import { DirectoryCategorizerAdapter } from '../categorizer/directory-categorizer.adapter';
import { TransportClock } from '../clock';
import { LocalDeliveryService } from '../delivery/local-delivery.service';
import { RemoteDeliveryService, type CopyResult } from '../delivery/remote-delivery.service';
import { ReportService } from '../dsn/report.service';
import { STATUS } from '../dsn/status-text';
import type { NextHop } from '../routing/next-hop';
import { RoutingService } from '../routing/routing.service';
import { senderText } from '../submission/message-submission.service';
import type { TrackingRecord } from '../tracking/tracking-event';
import { MessageTrackingService } from '../tracking/tracking.service';
import { TRANSPORT_OPTIONS, type TransportOptions } from '../transport-options';
import {
  isFinal,
  notifies,
  type ItemOutcome,
  type NewQueueItem,
  type QueuedMessage,
  type QueueItem,
} from './queue.model';
import { QueueBlobGc } from './queue-blob-gc.service';
import { QueueRepository } from './queue.repository';
import { QueueSignal } from './queue-signal';
import { nextAttemptAt } from './retry-schedule';

/** What the categorizer made of one message: its routed copies and their tracking events. */
interface CategorizedMessage {
  messageId: string;
  items: NewQueueItem[];
  events: TrackingRecord[];
}

/** The outcomes of one delivery attempt, with the tracking event of each (null: none). */
interface DeliveryOutcomes {
  messageId: string;
  outcomes: ItemOutcome[];
  events: Array<TrackingRecord | null>;
}

/** After the outcomes: whether the message has something to report, and a blob nothing uses any more. */
interface Conclusion {
  report: boolean;
  orphanBlob: string | null;
}

/** Copies of one message for one next hop: delivered together (one SMTP transaction). */
interface Batch {
  messageId: string;
  items: QueueItem[];
}

const REPORT_CONCURRENCY = 4;
/** The report sweep of dispatch rounds runs at most this often (real time)... */
const REPORT_SWEEP_MS = 500;
/**
 * ...and looks for messages whose copies are all finished (what a process that stopped between a report
 * and its delete left behind) at most this often: that look reads every routed message.
 */
const FINISHED_SWEEP_MS = 30_000;
/** The shortest idle sleep, so that work another process holds cannot make this one spin. */
const MIN_IDLE_MS = 50;
/** How long a stopping server waits for deliveries under way. */
const DRAIN_MS = 15_000;

/**
 * A claim costs about as much for one message as for many, and under load every finished task wakes the
 * loop: while others are still busy, claim once half of the slots are free rather than one by one.
 */
function worthClaiming(free: number, busy: number, concurrency: number): boolean {
  return free > 0 && (busy === 0 || free >= Math.ceil(concurrency / 2));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The queue workers of this process. Work lives in PostgreSQL: workers claim due rows with
 * SELECT … FOR UPDATE SKIP LOCKED in short transactions and hold them by a lease, so any number
 * of server processes share the queues, and a process that dies leaves nothing behind but leases
 * that expire (or that it frees itself when it starts again). No transaction is held while mail
 * is categorized or delivered.
 */
@Injectable()
export class QueueEngine implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Queue');
  private readonly categorizer: Categorizer;
  private running = false;
  private loop: Promise<void> | null = null;
  private gcTimer: NodeJS.Timeout | null = null;
  private readonly categorizing = new Set<Promise<void>>();
  private readonly delivering = new Set<Promise<void>>();
  private readonly reporting = new Set<Promise<void>>();
  private readonly reportQueue = new Set<string>();
  private lastReportSweep = 0;
  private lastFinishedSweep = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TRANSPORT_OPTIONS) private readonly options: TransportOptions,
    private readonly clock: TransportClock,
    private readonly queue: QueueRepository,
    private readonly signal: QueueSignal,
    private readonly directory: DirectoryCategorizerAdapter,
    private readonly routing: RoutingService,
    private readonly local: LocalDeliveryService,
    private readonly remote: RemoteDeliveryService,
    private readonly reports: ReportService,
    private readonly tracking: MessageTrackingService,
    private readonly blobGc: QueueBlobGc,
    private readonly commits: GroupCommit,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {
    this.categorizer = new Categorizer(directory, { maxHopCount: options.maxHopCount });
  }

  /**
   * The lease owner: this server. It works on the messages it received (their blobs are in its blob
   * store), and a server restarting frees what it held before it stopped.
   */
  get owner(): string {
    return this.options.serverName.toLowerCase();
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
    // Blobs a crash left behind: a minute after start, then every hour.
    const collect = () => {
      this.gcTimer = setTimeout(
        () => {
          this.blobGc
            .collect()
            .catch((error: unknown) => this.logger.warn(`queue blob collection: ${errorText(error)}`))
            .finally(() => this.running && collect());
        },
        this.gcTimer === null ? 60_000 : 3600_000,
      );
      this.gcTimer.unref();
    };
    collect();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    if (this.gcTimer) clearTimeout(this.gcTimer);
    this.signal.wake();
    await this.loop;
    const inflight = [...this.categorizing, ...this.delivering, ...this.reporting];
    const drained = await Promise.race([
      Promise.allSettled(inflight).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), DRAIN_MS).unref()),
    ]);
    if (drained) await this.db.transaction((m) => this.queue.releaseLocksOf(m, this.owner)).catch(() => undefined);
  }

  private async run(): Promise<void> {
    try {
      await this.db.transaction((m) => this.queue.releaseLocksOf(m, this.owner));
    } catch (error) {
      this.logger.warn(`could not free this server's leases: ${errorText(error)}`);
    }
    void this.signal.listen();
    while (this.running) {
      try {
        const busy = await this.dispatch();
        if (!this.running) break;
        if (!busy) await this.signal.wait(await this.idleWait());
        else if (this.atCapacity()) await this.signal.wait(this.options.pollIntervalMs);
        // Let timers and I/O run between rounds even when every claim finds work.
        else await new Promise((resolve) => setImmediate(resolve));
      } catch (error) {
        if (!this.running) break;
        this.logger.warn(`queue worker: ${errorText(error)}`);
        await this.signal.wait(Math.min(this.options.pollIntervalMs, 1_000));
      }
    }
  }

  private atCapacity(): boolean {
    return (
      this.categorizing.size >= this.options.categorizerConcurrency &&
      this.delivering.size >= this.options.deliveryConcurrency
    );
  }

  /**
   * How long to sleep: until the next due retry, at most a poll interval. While work of this process is
   * still running its end wakes the loop, whose claims take whatever fell due: no need to look now (under
   * load that look ran after nearly every round and cost more than the claims).
   */
  private async idleWait(): Promise<number> {
    if (this.categorizing.size + this.delivering.size + this.reporting.size > 0) return this.options.pollIntervalMs;
    const now = this.clock.now();
    const due = await this.queue.nextDue(this.db.manager, this.owner, now);
    const poll = this.options.pollIntervalMs;
    if (!due) return poll;
    // Leases that expire are noticed by the poll; due work a moment later.
    return Math.min(poll, Math.max(MIN_IDLE_MS, due.getTime() - now.getTime() + 5));
  }

  /** One round of claims; true when it found work. */
  private async dispatch(): Promise<boolean> {
    let found = false;
    const lease = () => new Date(this.clock.now().getTime() + this.options.leaseMs);
    const freeCategorizers = this.options.categorizerConcurrency - this.categorizing.size;
    if (worthClaiming(freeCategorizers, this.categorizing.size, this.options.categorizerConcurrency)) {
      // Each claim is one UPDATE … RETURNING: atomic without BEGIN/COMMIT around it.
      const messages = await this.queue.claimForCategorization(
        this.db.manager,
        this.owner,
        this.clock.now(),
        lease(),
        freeCategorizers,
      );
      // Their copies in one read for all (a categorizer whose read failed here reads its own).
      const copies = await this.queue
        .itemsOfMessages(
          this.db.manager,
          messages.map((m) => m.id),
        )
        .catch(() => null);
      for (const message of messages) {
        const own = copies?.filter((i) => i.messageId === message.id);
        this.spawn(this.categorizing, () => this.categorize(message, own));
      }
      found ||= messages.length > 0;
    }
    const freeDeliverers = this.options.deliveryConcurrency - this.delivering.size;
    if (worthClaiming(freeDeliverers, this.delivering.size, this.options.deliveryConcurrency)) {
      const items = await this.queue.claimDeliveries(
        this.db.manager,
        this.owner,
        this.clock.now(),
        lease(),
        freeDeliverers,
      );
      const batches = this.batches(items);
      // Their messages in one read for all (a delivery whose read failed here reads its own).
      const messages = await this.queue
        .findMessages(this.db.manager, [...new Set(batches.map((b) => b.messageId))])
        .catch(() => null);
      for (const batch of batches)
        this.spawn(this.delivering, () => this.deliver(batch, messages?.get(batch.messageId)));
      found ||= items.length > 0;
    }
    const freeReporters = REPORT_CONCURRENCY - this.reporting.size;
    // Final outcomes are reported at once (reportSoon); this sweep finds the rest (delay notices that fell
    // due, leases of a process that died), so under load it runs at most every REPORT_SWEEP_MS.
    if (freeReporters > 0 && Date.now() - this.lastReportSweep >= REPORT_SWEEP_MS) {
      this.lastReportSweep = Date.now();
      const finished = this.lastReportSweep - this.lastFinishedSweep >= FINISHED_SWEEP_MS;
      if (finished) this.lastFinishedSweep = this.lastReportSweep;
      const ids = await this.queue.claimForReport(
        this.db.manager,
        this.owner,
        this.clock.now(),
        lease(),
        freeReporters,
        finished,
      );
      for (const id of ids) this.spawn(this.reporting, () => this.reports.process(id, this.owner));
      found ||= ids.length > 0;
    }
    return found;
  }

  private batches(items: readonly QueueItem[]): Batch[] {
    const byKey = new Map<string, Batch>();
    for (const item of items) {
      const key = `${item.messageId}\u0000${item.nextHop ?? ''}`;
      const batch = byKey.get(key) ?? { messageId: item.messageId, items: [] };
      batch.items.push(item);
      byKey.set(key, batch);
    }
    return [...byKey.values()];
  }

  private spawn(pool: Set<Promise<void>>, work: () => Promise<void>): void {
    const task: Promise<void> = work()
      .catch((error: unknown) => this.logger.warn(errorText(error)))
      .finally(() => {
        pool.delete(task);
        this.signal.wake();
      });
    pool.add(task);
  }

  /** Reports on a message soon (after a final outcome), unless a report for it is already under way here. */
  private reportSoon(messageId: string): void {
    if (this.reportQueue.has(messageId) || !this.running) return;
    this.reportQueue.add(messageId);
    this.spawn(this.reporting, async () => {
      try {
        const now = this.clock.now();
        const claimed = await this.queue.claimMessage(
          this.db.manager,
          messageId,
          this.owner,
          now,
          new Date(now.getTime() + this.options.leaseMs),
        );
        if (claimed) await this.reports.process(messageId, this.owner);
      } finally {
        this.reportQueue.delete(messageId);
      }
    });
  }

  // ----- categorizer -----

  /** Categorizes a claimed message; `copies`: its queue items, when the claim read them. */
  private async categorize(message: QueuedMessage, copies?: readonly QueueItem[]): Promise<void> {
    try {
      const pending = (copies ?? (await this.queue.itemsOf(this.db.manager, message.id))).filter(
        (i) => i.state === 'pending',
      );
      const result = await this.categorizer.categorize(
        message,
        pending.map((i) => i.recipient),
      );
      const now = this.clock.now();
      const items: NewQueueItem[] = [];
      const events: TrackingRecord[] = [];
      const base = { queueId: message.id, messageId: message.messageIdHeader, sender: senderText(message.mailFrom) };
      for (const p of pending)
        events.push({ ...base, event: 'submitted', recipient: p.recipient, detail: 'to the categorizer' });
      for (const e of result.expansions)
        events.push({
          ...base,
          event: 'expanded',
          recipient: e.group,
          detail: `${e.members} member(s), for ${e.envelopeRecipient}`,
        });
      for (const copy of result.copies) {
        const source =
          pending.find((p) => p.recipient.toLowerCase() === copy.envelopeRecipient.toLowerCase()) ?? pending[0];
        const item = await this.copyToItem(message, source, copy, now);
        items.push(item);
        events.push(
          copy.outcome === 'deliver'
            ? {
                ...base,
                event: 'routed',
                recipient: copy.address,
                detail: `${item.nextHop}${copy.address !== copy.envelopeRecipient ? ` (for ${copy.envelopeRecipient})` : ''}`,
              }
            : { ...base, event: 'failed', recipient: copy.address, status: copy.status, detail: copy.diagnostic },
        );
      }
      const committed = await this.commits.runStatement(this.categorized, { messageId: message.id, items, events });
      // Failures to report, or nobody to deliver to (an empty group): the report task finishes the message.
      if (committed && (items.length === 0 || items.some((i) => isFinal(i.state)))) this.reportSoon(message.id);
    } catch (error) {
      const text = errorText(error);
      this.logger.warn(`categorizing ${message.id} failed: ${text}`);
      const next = new Date(this.clock.now().getTime() + Math.min(60_000 * (message.attempts + 1), 15 * 60_000));
      await this.db
        .transaction((m) => this.queue.deferCategorization(m, message.id, next, text))
        .catch(() => undefined);
    }
  }

  private async copyToItem(
    message: QueuedMessage,
    source: QueueItem,
    copy: CategorizedCopy,
    now: Date,
  ): Promise<NewQueueItem> {
    const common = {
      messageId: message.id,
      recipient: copy.address,
      envelopeRecipient: source.envelopeRecipient,
      originalRecipient: source.originalRecipient,
      notify: source.notify,
      expiresAt: source.expiresAt,
      delayNotifyAt: source.delayNotifyAt,
      // Nothing to tell about delays: the null sender, a report, or NOTIFY without DELAY.
      delayNotified: !message.mailFrom || message.isReport || !notifies(source.notify, 'DELAY'),
      frozen: message.frozen,
    };
    if (copy.outcome === 'fail') {
      return {
        ...common,
        recipientId: copy.recipientId,
        state: 'failed',
        nextHop: null,
        nextHopKind: null,
        route: null,
        nextAttemptAt: now,
        status: copy.status,
        diagnostic: copy.diagnostic,
        reportPending: true,
        finishedAt: now,
      };
    }
    const hop = await this.routing.route(copy.destination);
    return {
      ...common,
      recipientId: copy.destination.recipientId,
      state: hop.kind === 'unreachable' ? 'retry' : 'ready',
      nextHop: hop.queue,
      nextHopKind: hop.kind,
      route: hop.route,
      nextAttemptAt:
        hop.kind === 'unreachable' ? nextAttemptAt(now, 1, source.expiresAt, this.options.retryIntervalsMs) : now,
      status: hop.kind === 'unreachable' ? STATUS.noRoute.replace(/^5/, '4') : null,
      diagnostic: hop.route.kind === 'unreachable' ? hop.route.reason : null,
      reportPending: false,
      finishedAt: null,
    };
  }

  // ----- delivery -----

  /** Delivers a batch; `known`: its message, when the claim round read it. */
  private async deliver(batch: Batch, known?: QueuedMessage): Promise<void> {
    const message = known ?? (await this.queue.findMessage(this.db.manager, batch.messageId));
    if (!message) return;
    const now = this.clock.now();
    const expired = batch.items.filter((i) => i.expiresAt <= now);
    const live = batch.items.filter((i) => i.expiresAt > now);
    const outcomes: ItemOutcome[] = expired.map((i) => ({
      itemId: i.id,
      state: 'failed',
      status: STATUS.expired,
      diagnostic: `the message expired in the queue${i.diagnostic ? `; last error: ${i.diagnostic}` : ''}`,
      remoteMta: i.remoteMta,
      reportPending: true,
      finishedAt: now,
    }));
    let results: CopyResult[] = [];
    const first = live[0];
    if (first) {
      try {
        results = await this.attempt(message, first, live, outcomes);
      } catch (error) {
        results = live.map((i) => ({
          itemId: i.id,
          delivered: false,
          permanent: false,
          status: '4.0.0',
          diagnostic: errorText(error),
          remoteMta: null,
        }));
      }
    }
    const done = this.clock.now();
    for (const r of results) {
      const item = live.find((i) => i.id === r.itemId);
      if (item) outcomes.push(this.outcomeOf(item, r, done));
    }
    const events = outcomes.map((o) => this.eventOf(message, batch.items, o));
    const { report, orphanBlob } = await this.commits.runStatement(this.concluded, {
      messageId: message.id,
      outcomes,
      events,
    });
    if (orphanBlob) {
      await this.blobs
        .delete(QUEUE_NAMESPACE, orphanBlob, { durable: false })
        .catch((error: unknown) => this.logger.warn(`could not delete blob ${orphanBlob}: ${errorText(error)}`));
    }
    if (report) this.reportSoon(message.id);
  }

  /**
   * The categorizer's results of one group commit, in one statement: the messages still leased here become
   * their routed copies, with their tracking events, and the workers of every process hear of new work.
   */
  private readonly categorized: MergedWork<CategorizedMessage, boolean> = async (manager, results) => {
    const held = await this.queue.completeCategorizations(manager, this.owner, results, (p) => ({
      parts: [
        this.tracking.recordSql(
          p,
          results.flatMap((r) => r.events),
          {
            keys: results.flatMap((r) => r.events.map(() => r.messageId)),
            where: 'e.key IN (SELECT id FROM done)',
          },
        ),
      ],
      select: this.signal.notifySql() ?? undefined,
    }));
    return results.map((r) => held.has(r.messageId));
  };

  /**
   * The delivery outcomes of one group commit, in one statement (QueueRepository.concludeDeliveries): the
   * messages are locked (against a report or an administrator's action on them), the outcomes of copies
   * still held here written with their tracking events, and the messages with nothing left to do or report
   * leave the queue in that same statement, instead of a report task claiming each only to find nothing to
   * do. Outside a transaction, this thread goes on while the database works.
   */
  private readonly concluded: MergedWork<DeliveryOutcomes, Conclusion> = async (manager, requests) => {
    const outcomes = requests.flatMap((r) => r.outcomes);
    const logged = requests.flatMap((r) =>
      r.events.flatMap((event, i) => (event ? [{ event, key: r.outcomes[i].itemId }] : [])),
    );
    const { changed, gone } = await this.queue.concludeDeliveries(
      manager,
      this.owner,
      { messageIds: requests.map((r) => r.messageId), outcomes, notify: this.signal.notifySql() },
      (p) => ({
        parts: [
          this.tracking.recordSql(
            p,
            logged.map((l) => l.event),
            { keys: logged.map((l) => l.key), where: 'e.key IN (SELECT id FROM changed)' },
          ),
        ],
      }),
    );
    const done = new Set(changed);
    const finals = (r: DeliveryOutcomes) => r.outcomes.filter((o) => done.has(o.itemId) && isFinal(o.state));
    return requests.map((r) =>
      gone.has(r.messageId)
        ? { report: false, orphanBlob: gone.get(r.messageId) ?? null }
        : { report: finals(r).length > 0, orphanBlob: null },
    );
  };

  /** One delivery attempt for copies of one next hop; re-routing for copies with no route so far. */
  private async attempt(
    message: QueuedMessage,
    first: QueueItem,
    items: QueueItem[],
    outcomes: ItemOutcome[],
  ): Promise<CopyResult[]> {
    const route = first.route;
    if (!route || route.kind === 'unreachable') {
      this.routing.invalidate();
      for (const item of items) outcomes.push(await this.reroute(item));
      return [];
    }
    if (route.kind === 'local') return this.local.deliver(message, items);
    return this.remote.deliver(
      message,
      route,
      items.map((i) => ({ itemId: i.id, address: i.recipient })),
    );
  }

  /** A copy without a route tries routing again: a connector may be back up. */
  private async reroute(item: QueueItem): Promise<ItemOutcome> {
    const now = this.clock.now();
    let hop: NextHop;
    const recipient = item.recipientId ? await this.directory.findById(item.recipientId) : null;
    if (recipient?.mailboxStoreId)
      hop = await this.routing.route({
        kind: 'mailbox',
        recipientId: recipient.id,
        mailboxStoreId: recipient.mailboxStoreId,
      });
    else hop = await this.routing.route({ kind: 'external', address: item.recipient, recipientId: item.recipientId });
    if (hop.kind !== 'unreachable') {
      return {
        itemId: item.id,
        state: 'ready',
        status: null,
        diagnostic: null,
        nextAttemptAt: now,
        reportPending: false,
        nextHop: hop,
      };
    }
    const reason = hop.route.kind === 'unreachable' ? hop.route.reason : 'no route';
    return this.outcomeOf(
      item,
      { itemId: item.id, delivered: false, permanent: false, status: '4.4.4', diagnostic: reason, remoteMta: null },
      now,
    );
  }

  private outcomeOf(item: QueueItem, r: CopyResult, now: Date): ItemOutcome {
    if (r.delivered) {
      const state = item.route?.kind === 'local' ? 'delivered' : 'relayed';
      return {
        itemId: item.id,
        state,
        status: r.status,
        diagnostic: r.diagnostic,
        remoteMta: r.remoteMta,
        attempts: item.attempts + 1,
        reportPending: notifies(item.notify, 'SUCCESS'),
        finishedAt: now,
      };
    }
    const attempts = item.attempts + 1;
    if (r.permanent || now >= item.expiresAt) {
      return {
        itemId: item.id,
        state: 'failed',
        status: r.permanent ? r.status : STATUS.expired,
        diagnostic: r.permanent ? r.diagnostic : `the message expired in the queue; last error: ${r.diagnostic}`,
        remoteMta: r.remoteMta,
        attempts,
        reportPending: true,
        finishedAt: now,
      };
    }
    return {
      itemId: item.id,
      state: 'retry',
      status: r.status,
      diagnostic: r.diagnostic,
      remoteMta: r.remoteMta,
      attempts,
      nextAttemptAt: nextAttemptAt(now, attempts, item.expiresAt, this.options.retryIntervalsMs),
      reportPending: false,
    };
  }

  private eventOf(message: QueuedMessage, items: readonly QueueItem[], o: ItemOutcome): TrackingRecord | null {
    const item = items.find((i) => i.id === o.itemId);
    if (!item) return null;
    const base = {
      queueId: message.id,
      messageId: message.messageIdHeader,
      sender: senderText(message.mailFrom),
      recipient: item.recipient,
      status: o.status,
    };
    switch (o.state) {
      case 'delivered':
        return { ...base, event: 'delivered', detail: `local delivery${o.diagnostic ? `: ${o.diagnostic}` : ''}` };
      case 'relayed':
        return {
          ...base,
          event: 'transferred',
          detail: `to ${o.remoteMta ?? item.nextHop}: ${o.diagnostic ?? ''}`.trim(),
        };
      case 'failed':
        return { ...base, event: 'failed', detail: o.diagnostic ?? '' };
      case 'retry':
        return {
          ...base,
          event: 'deferred',
          detail: `${o.diagnostic ?? ''}; next attempt ${o.nextAttemptAt?.toISOString() ?? 'later'}`,
        };
      case 'ready':
        return { ...base, event: 'routed', detail: `${o.nextHop?.queue ?? ''} (route found again)` };
      case 'pending':
        return null;
    }
  }
}
