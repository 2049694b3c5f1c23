import type { Logger } from '@nestjs/common';
import type { ListenerRegistry } from '../listener-registry';

/** How often the directory is read for changes to the virtual servers and the certificate. */
export const RECONCILE_POLL_MS = 2000;
/** While this server has not been registered yet (first start), look again this often, for so long. */
const STARTUP_RETRY_MS = 50;
const STARTUP_WAIT_MS = 30_000;
/** At shutdown, a pass in progress may finish for this long; it never holds shutdown up beyond. */
const STOP_WAIT_MS = 5000;

/**
 * The life of a listener family (pop3, imap, …) that follows the directory: a first reconciliation as
 * soon as this server is registered (first-run setup does it in a bootstrap hook that runs after the
 * listener modules'), then one every few seconds; passes never overlap. `reconcile` resolves false
 * while the server is not in the directory yet. ListenerRegistry.ready() settles after the first pass.
 */
export class ListenerReconciler {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<unknown> = Promise.resolve();
  private halted = false;

  constructor(
    private readonly family: string,
    private readonly registry: ListenerRegistry,
    private readonly logger: Logger,
    private readonly reconcile: () => Promise<boolean>,
  ) {}

  get stopped(): boolean {
    return this.halted;
  }

  /** Not awaited by the caller: nothing waits on a server that is not registered yet. */
  start(): void {
    this.registry.starting(this.family);
    const first = async (): Promise<void> => {
      const giveUp = Date.now() + STARTUP_WAIT_MS;
      while (!this.halted && Date.now() < giveUp) {
        try {
          if (await this.refresh()) break;
        } catch (error) {
          this.logger.error(`starting the ${this.family} listeners failed: ${(error as Error).message}`);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, STARTUP_RETRY_MS));
      }
      this.registry.settle(this.family);
      this.schedule();
    };
    void first();
  }

  /** One pass now, after any pass in progress. */
  refresh(): Promise<boolean> {
    const run = this.pass.then(() => (this.halted ? true : this.reconcile()));
    this.pass = run.catch(() => undefined);
    return run;
  }

  /** No more passes; waits a little for the one in progress. */
  async stop(): Promise<void> {
    this.halted = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.race([this.pass, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
  }

  private schedule(): void {
    if (this.halted) return;
    this.timer = setTimeout(() => {
      this.refresh()
        .catch((error: unknown) =>
          this.logger.error(`reading the ${this.family} virtual servers failed: ${(error as Error).message}`),
        )
        .finally(() => this.schedule());
    }, RECONCILE_POLL_MS);
    this.timer.unref();
  }
}
