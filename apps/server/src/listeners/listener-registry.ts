import { Injectable } from '@nestjs/common';

/**
 * The ports this process's listeners are bound to, by name. Names are the listener roles of
 * ServerConfig.ports ('smtp', 'submission', 'smtps', …) for each protocol's first virtual server,
 * and '<virtual server name>/<role>' for every listener. Tests bind port 0 and read the real ports
 * here; `ready` settles once the listeners have been started the first time.
 */
@Injectable()
export class ListenerRegistry {
  private readonly bound = new Map<string, number>();
  private readonly waiting = new Set<string>();
  private readonly settled = new Map<string, () => void>();
  private readonly readiness: Array<Promise<void>> = [];

  set(name: string, port: number): void {
    this.bound.set(name, port);
  }

  delete(name: string): void {
    this.bound.delete(name);
  }

  get(name: string): number | undefined {
    return this.bound.get(name);
  }

  /** A live view: reading a name gives its current port. */
  ports(): Readonly<Record<string, number>> {
    return new Proxy({} as Record<string, number>, {
      get: (_target, key) => (typeof key === 'string' ? this.bound.get(key) : undefined),
      has: (_target, key) => typeof key === 'string' && this.bound.has(key),
      ownKeys: () => [...this.bound.keys()],
      getOwnPropertyDescriptor: (_target, key) =>
        typeof key === 'string' && this.bound.has(key)
          ? { enumerable: true, configurable: true, value: this.bound.get(key) }
          : undefined,
    });
  }

  /** A listener family (e.g. 'smtp') announces that it is starting; `settle` says it is done. */
  starting(family: string): void {
    if (this.waiting.has(family)) return;
    this.waiting.add(family);
    this.readiness.push(new Promise<void>((resolve) => this.settled.set(family, resolve)));
  }

  settle(family: string): void {
    this.settled.get(family)?.();
  }

  /** Resolves when every family that announced itself has started its listeners once. */
  async ready(): Promise<void> {
    await Promise.all(this.readiness);
  }
}
