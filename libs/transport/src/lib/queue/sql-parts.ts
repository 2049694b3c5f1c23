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
  rows<T>(
    alias: string,
    items: readonly T[],
    columns: ReadonlyArray<readonly [name: string, type: string, pick: (item: T) => unknown]>,
  ): string {
    const arrays = columns.map(([, type, pick]) => this.add(items.map(pick), `${type}[]`));
    return `unnest(${arrays.join(', ')}) AS ${alias}(${columns.map(([name]) => name).join(', ')})`;
  }
}
