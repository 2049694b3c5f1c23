import { writeFileSync } from 'node:fs';
import type { Logger as TypeOrmLogger } from 'typeorm';

interface StatementFigures {
  count: number;
  totalMs: number;
}

/**
 * A diagnostic for benchmarks: with ESTAFETTE_SQL_STATS=FILE every statement's execution time is summed per
 * statement text (parameters are placeholders, so the text is the statement's shape) and the table, by total
 * time, is rewritten into FILE every few seconds and at exit. Off by default: it costs a map lookup per query.
 */
export class SqlStatisticsLogger implements TypeOrmLogger {
  private readonly figures = new Map<string, StatementFigures>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly file: string) {
    this.timer = setInterval(() => this.write(), 5000);
    this.timer.unref();
    process.once('exit', () => this.write());
    // A benchmark stops the server with SIGTERM, after which Nest re-raises the signal: write first.
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => this.write());
  }

  /** Every statement is counted here, before it runs. */
  logQuery(query: string): void {
    this.entry(query).count++;
  }

  /**
   * Times come with logQuerySlow, which the driver calls for every statement above the tiny threshold; it
   * measures whole milliseconds, so a statement that took under one adds nothing to the total.
   */
  logQuerySlow(time: number, query: string): void {
    this.entry(query).totalMs += time;
  }

  private entry(query: string): StatementFigures {
    const key = query
      .replace(/\s+/g, ' ')
      .replace(/(\$\d+, )+\$\d+/g, '$n…')
      .slice(0, 400);
    let entry = this.figures.get(key);
    if (!entry) {
      entry = { count: 0, totalMs: 0 };
      this.figures.set(key, entry);
    }
    return entry;
  }

  logQueryError(): void {
    // Errors surface as exceptions to their callers; only timings are gathered here.
  }

  logSchemaBuild(): void {
    // Not a statement timing.
  }

  logMigration(): void {
    // Not a statement timing.
  }

  log(): void {
    // Not a statement timing.
  }

  private write(): void {
    const rows = [...this.figures].sort((a, b) => b[1].totalMs - a[1].totalMs);
    const total = rows.reduce((sum, [, f]) => sum + f.totalMs, 0);
    const lines = rows.map(
      ([query, f]) =>
        `${f.totalMs.toFixed(0).padStart(8)} ms ${((f.totalMs / total) * 100).toFixed(1).padStart(5)}% ` +
        `${String(f.count).padStart(7)}× ${(f.totalMs / f.count).toFixed(2).padStart(7)} ms  ${query}`,
    );
    const count = rows.reduce((sum, [, f]) => sum + f.count, 0);
    writeFileSync(this.file, `total ${total.toFixed(0)} ms, ${count} statements\n${lines.join('\n')}\n`);
  }
}
