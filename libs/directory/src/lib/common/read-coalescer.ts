/** Keys per statement at most: the statement stays short, a burst takes a few rounds. */
export const COALESCED_READ_MAX_KEYS = 256;

interface Waiting<K, V> {
  key: K;
  resolve: (value: V) => void;
  reject: (error: unknown) => void;
}

/**
 * Look-ups that arrive together go to the database as one statement: the first waits one turn of the
 * event loop for company, and while a statement is running the next ones gather for the statement after
 * it (one in flight at a time). Under load PGlite runs one statement at a time and a look-up's cost is
 * mostly the statement's own, so N concurrent look-ups cost about one. For reads outside a transaction
 * only: a read inside one must see that transaction's view. If the combined read fails, each key is read
 * alone, so one bad key fails only its own caller.
 */
export class ReadCoalescer<K, V> {
  private waiting: Array<Waiting<K, V>> = [];
  private busy = false;

  constructor(
    private readonly readOne: (key: K) => Promise<V>,
    private readonly readMany: (keys: readonly K[]) => Promise<V[]>,
  ) {}

  read(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      this.waiting.push({ key, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.busy || this.waiting.length === 0) return;
    this.busy = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    const batch = this.waiting.splice(0, COALESCED_READ_MAX_KEYS);
    try {
      if (batch.length === 1) await this.alone(batch[0]);
      else {
        let values: V[] | null = null;
        try {
          values = await this.readMany(batch.map((w) => w.key));
        } catch {
          for (const w of batch) await this.alone(w);
        }
        if (values) batch.forEach((w, i) => w.resolve(values[i]));
      }
    } finally {
      this.busy = false;
      this.kick();
    }
  }

  private async alone(w: Waiting<K, V>): Promise<void> {
    try {
      w.resolve(await this.readOne(w.key));
    } catch (error) {
      w.reject(error);
    }
  }
}
