import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../testing/test-database';

interface DbColumn {
  table_name: string;
  column_name: string;
  is_nullable: 'YES' | 'NO';
  data_type: string;
  udt_name: string;
}

/** The PostgreSQL type family an entity column type must find in the table. */
function family(type: string): string {
  const map: Record<string, string> = {
    uuid: 'uuid',
    varchar: 'character varying',
    'character varying': 'character varying',
    char: 'character',
    text: 'text',
    integer: 'integer',
    int: 'integer',
    bigint: 'bigint',
    boolean: 'boolean',
    jsonb: 'jsonb',
    timestamptz: 'timestamp with time zone',
    'timestamp with time zone': 'timestamp with time zone',
  };
  return map[type] ?? type;
}

/**
 * The schema is written as raw SQL migrations (ARCHITECTURE.md: no synchronize),
 * so the migrations are the truth and the entities a view of them. This checks
 * that view: every entity column exists in its table with the same type and
 * nullability, and every NOT NULL column without a default is mapped.
 */
describe('entities and migrations', () => {
  let db: DataSource;
  let close: () => Promise<void>;
  beforeAll(async () => ({ dataSource: db, close } = await openTestDataSource()));
  afterAll(async () => close());

  it('agree on every mapped column', async () => {
    const columns = await db.query<Array<DbColumn & { column_default: string | null }>>(
      `SELECT table_name, column_name, is_nullable, data_type, udt_name, column_default
       FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const byKey = new Map(columns.map((c) => [`${c.table_name}.${c.column_name}`, c]));
    const problems: string[] = [];
    for (const entity of db.entityMetadatas) {
      const mapped = new Set<string>();
      for (const column of entity.columns) {
        const key = `${entity.tableName}.${column.databaseName}`;
        mapped.add(column.databaseName);
        const found = byKey.get(key);
        if (!found) {
          problems.push(`${key}: mapped by ${entity.name} but no migration creates it`);
          continue;
        }
        const expected = family(String(column.type));
        const actual = column.isArray ? found.udt_name.replace(/^_/, '') : found.data_type;
        const actualFamily = column.isArray ? family(actual === 'varchar' ? 'varchar' : actual) : actual;
        if (column.isArray && found.data_type !== 'ARRAY')
          problems.push(`${key}: entity says array, table says ${found.data_type}`);
        if (actualFamily !== expected && !(column.isArray && family(actual) === expected)) {
          problems.push(`${key}: entity type ${expected}, table type ${actualFamily}`);
        }
        const nullable = found.is_nullable === 'YES';
        if (nullable !== column.isNullable && !column.isPrimary) {
          problems.push(`${key}: entity nullable=${column.isNullable}, table nullable=${nullable}`);
        }
      }
      for (const c of columns.filter((c) => c.table_name === entity.tableName)) {
        if (!mapped.has(c.column_name) && c.is_nullable === 'NO' && c.column_default === null) {
          problems.push(
            `${entity.tableName}.${c.column_name}: NOT NULL without default but not mapped by ${entity.name}`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('maps every table the migrations create', async () => {
    const tables = await db.query<Array<{ table_name: string }>>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const mapped = new Set(db.entityMetadatas.map((e) => e.tableName));
    const unmapped = tables.map((t) => t.table_name).filter((t) => t !== 'migrations' && !mapped.has(t));
    expect(unmapped).toEqual([]);
  });
});
