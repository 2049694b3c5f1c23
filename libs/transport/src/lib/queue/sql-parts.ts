/**
 * The parameters of one statement assembled from parts (a group's rows of several tables in one WITH …):
 * each part adds its values and gets the placeholders to write, already cast, so the parts need not know
 * each other's numbering.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** `$n::cast` for `value`. */
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }

  /**
   * `unnest(...) AS alias(columns)` over one array per column: a set of rows whose statement text is the
   * same whatever the number of rows (one kept plan, no limit on parameters).
   */
  rows<T>(alias: string, items: readonly T[], columns: ReadonlyArray<SqlColumn<T>>): string {
    const arrays = columns.map(([, type, pick]) => this.add(items.map(pick), `${type}[]`));
    return `unnest(${arrays.join(', ')}) AS ${alias}(${columns.map(([name]) => name).join(', ')})`;
  }

  /**
   * `INSERT INTO table (columns) SELECT … FROM unnest(…) AS v(…)`, one row per item, the column list written
   * once; `where` (SQL on `v.<column>`) keeps only some rows.
   */
  insert<T>(table: string, items: readonly T[], columns: ReadonlyArray<SqlColumn<T>>, where?: string): string {
    const names = columns.map(([name]) => name).join(', ');
    const values = columns.map(([name, , , cast]) => `v.${name}${cast ? `::${cast}` : ''}`).join(', ');
    return `INSERT INTO ${table} (${names}) SELECT ${values} FROM ${this.rows('v', items, columns)}
            ${where ? `WHERE ${where}` : ''}`;
  }
}

/**
 * A column of rows sent as arrays: its name, the array's element type, the value of an item, and the type
 * it is cast to when the array's type cannot be (jsonb from text).
 */
export type SqlColumn<T> = readonly [name: string, type: string, pick: (item: T) => unknown, cast?: string];

/** More parts of a statement built around a repository's own (see QueueRepository.enqueue). */
export type StatementParts = (p: SqlParams) => { parts: string[]; select?: string };
