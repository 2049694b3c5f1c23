import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Entities read with plain SQL on the hot paths of mail flow. TypeORM's query builder rebuilds and
 * re-parses its SQL for every look-up, which cost more than the look-up itself at a few per message;
 * here the select list is built once per entity and the row is turned into the entity the way TypeORM
 * does it (each column's value through the driver's hydration).
 */
export class EntityRows<T extends ObjectLiteral> {
  private readonly selectLists = new Map<string, string>();

  constructor(private readonly target: EntityTarget<T>) {}

  /** Every column of the entity under `alias`, each named by its database name. */
  columns(manager: EntityManager, alias: string): string {
    // The alias is part of the statement text: only the usual short identifiers are accepted.
    if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`invalid table alias "${alias}"`);
    let list = this.selectLists.get(alias);
    if (list === undefined) {
      const { columns } = manager.connection.getMetadata(this.target);
      list = columns.map((c) => `${alias}."${c.databaseName}"`).join(', ');
      this.selectLists.set(alias, list);
    }
    return list;
  }

  /** The entity of a row selected with `columns`. */
  hydrate(manager: EntityManager, row: Record<string, unknown>): T {
    const metadata = manager.connection.getMetadata(this.target);
    const entity = metadata.create() as T;
    for (const column of metadata.columns)
      column.setEntityValue(entity, manager.connection.driver.prepareHydratedValue(row[column.databaseName], column));
    return entity;
  }
}
