import { protocol } from '@electric-sql/pglite';
import type { ResultField } from './pglite-wire';

const { serialize } = protocol;

/** A statement kept prepared on a PGlite session. */
export interface KeptStatement {
  name: string;
  /** Parameter type OIDs from the statement's ParameterDescription: how each value is serialised. */
  paramTypes: number[];
  /** The result's columns from the statement's RowDescription (none for NoData). */
  fields: ResultField[];
  /**
   * Whether it runs with a generic plan (see PgliteSession.planFor). The in-thread pool (the fallback,
   * ESTAFETTE_PGLITE_WORKER=0) leaves it unset and keeps PostgreSQL's 'auto' mode.
   */
  generic?: boolean;
}

/**
 * The named statements kept on one PGlite session, by text; beyond `limit` the least recently used is
 * closed (its Close goes ahead of the next Parse). Used by the in-thread pool (pglite-prepared.ts) and by
 * the worker (pglite-worker.ts).
 */
export class PreparedStatementCache {
  /** Insertion order is recency: a hit moves the entry to the end, eviction takes the first. */
  private readonly byText = new Map<string, KeptStatement>();
  private readonly toClose: string[] = [];
  private counter = 0;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.byText.size;
  }

  /** The statement kept for this text, now the most recently used. */
  hit(sql: string): KeptStatement | undefined {
    const statement = this.byText.get(sql);
    if (statement) {
      this.byText.delete(sql);
      this.byText.set(sql, statement);
    }
    return statement;
  }

  /** A name for a new statement. */
  nextName(): string {
    return `estafette_${++this.counter}`;
  }

  /** The Close messages of the statements let go since the last call: to send before the next Parse. */
  closing(): Uint8Array[] {
    return this.toClose.splice(0).map((name) => serialize.close({ type: 'S', name }));
  }

  keep(sql: string, statement: KeptStatement): void {
    this.byText.set(sql, statement);
    if (this.byText.size <= this.limit) return;
    const [oldest] = this.byText.keys();
    this.forget(oldest);
  }

  /** Lets a statement go (its table changed shape, or it was the least recently used). */
  forget(sql: string): void {
    const statement = this.byText.get(sql);
    if (!statement) return;
    this.byText.delete(sql);
    this.toClose.push(statement.name);
  }
}

/** A statement's values in the text form PostgreSQL reads, by the serializers of its parameter types. */
export function serializeValues(
  serializers: Record<number, ((value: unknown) => string) | undefined>,
  paramTypes: readonly number[],
  values: readonly unknown[],
): Array<string | null> {
  return values.map((value, i) => {
    if (value === null || value === undefined) return null;
    const serializer = serializers[paramTypes[i]];
    return String(serializer ? serializer(value) : value);
  });
}
