import type { Logger } from '@nestjs/common';
import type { ListenerRegistry } from './listener-registry';

const STARTUP_RETRY_MS = 50;
const STARTUP_WAIT_MS = 30_000;

export interface ListenerReconcileOptions {
  /** Listener family in the registry ('imap', …): `ready()` waits for its first pass. */
  readonly family: string;
  readonly registry: ListenerRegistry;
  readonly logger: Logger;
  /** How often the directory is read again. */
  readonly pollMs: number;
  /** One pass: bring the running listeners in line with the directory; false while this server is not registered yet. */
  readonly reconcile: () => Promise<boolean>;
}

/**
 * The polling loop of a listener manager: a first pass at bootstrap, retried until first-run setup has
 * registered this server, then one pass every few seconds so that directory changes apply without a
 * restart. Passes never overlap; stop() waits (a bounded time) for the running one.
 */
export class ListenerReconcileLoop {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private pass: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ListenerReconcileOptions) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Not awaited by the caller: first-run setup registers this server in a bootstrap hook that runs later. */
  start(): void {
    const { registry, family, logger } = this.options;
    registry.starting(family);
    const first = async (): Promise<void> => {
      const giveUp = Date.now() + STARTUP_WAIT_MS;
      while (!this.stopped && Date.now() < giveUp) {
        try {
          if (await this.refresh()) break;
        } catch (error) {
          logger.error(`starting the ${family} listeners failed: ${(error as Error).message}`);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, STARTUP_RETRY_MS));
      }
      registry.settle(family);
      this.schedule();
    };
    void first();
  }

  /** One pass now, after any running one. */
  refresh(): Promise<boolean> {
    const run = this.pass.then(() => (this.stopped ? true : this.options.reconcile()));
    this.pass = run.catch(() => undefined);
    return run;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.race([this.pass, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.refresh()
        .catch((error: unknown) =>
          this.options.logger.error(
            `reading the ${this.options.family} virtual servers failed: ${(error as Error).message}`,
          ),
        )
        .finally(() => this.schedule());
    }, this.options.pollMs);
    this.timer.unref();
  }
}
