import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';
import { PreparedStatementCache, serializeValues, type KeptStatement } from './prepared-statement-cache';
import { concatBytes, encodeExecution, readExchange, type TypeParsers, type WireNotification } from './pglite-wire';

const { serialize } = protocol;

/** Named statements kept per PGlite instance; the least recently used is closed beyond this. */
export const MAX_PREPARED_STATEMENTS = 500;

/** SQLSTATE 0A000 "cached plan must not change result type": a table changed under a kept statement. */
const FEATURE_NOT_SUPPORTED = '0A000';

const caches = new WeakMap<PGlite, PreparedStatementCache>();

type NotificationTap = (channel: string, payload: string) => void;
const taps = new WeakMap<PGlite, Set<NotificationTap>>();

/**
 * Notifications that arrive in the answer to a prepared statement (a NOTIFY it ran, or one pending on the
 * session). Those exchanges are read here rather than by PGlite, so PGlite's onNotification never sees them:
 * a LISTEN on PGlite subscribes to both (see pgliteNotificationsOf).
 */
export function onPreparedNotification(db: PGlite, tap: NotificationTap): () => void {
  let set = taps.get(db);
  if (!set) {
    set = new Set();
    taps.set(db, set);
  }
  set.add(tap);
  return () => set.delete(tap);
}

function announce(db: PGlite, notifications: readonly WireNotification[]): void {
  const set = taps.get(db);
  if (!set) return;
  // As PGlite does: listeners run after the exchange, never inside it.
  for (const n of notifications) for (const tap of set) queueMicrotask(() => tap(n.channel, n.payload));
}

function cacheOf(db: PGlite): PreparedStatementCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new PreparedStatementCache(MAX_PREPARED_STATEMENTS);
    caches.set(db, cache);
  }
  return cache;
}

/**
 * A parameterised statement on PGlite as a named prepared statement, each run one pipelined protocol
 * exchange (Bind, Execute, Sync; the columns were described once, at prepare time). PGlite's own query()
 * parses and plans the text every time and crosses into WASM six times per statement; a kept statement
 * skips parsing and, after a few runs, planning, which halves the cost of the store's small look-ups. The
 * answer is read from PGlite's bytes directly (pglite-wire.ts). Runs under PGlite's query mutex, so it
 * never interleaves with LISTEN or another exchange.
 */
export function preparedQuery(db: PGlite, sql: string, values: readonly unknown[]): Promise<Results<unknown>> {
  return db.runExclusive(async () => {
    try {
      return await execute(db, sql, values);
    } catch (error) {
      if ((error as { code?: string }).code !== FEATURE_NOT_SUPPORTED) throw error;
      // The statement's tables changed shape since it was prepared: prepare it again, once.
      forget(db, sql);
      return execute(db, sql, values);
    }
  });
}

async function execute(db: PGlite, sql: string, values: readonly unknown[]): Promise<Results<unknown>> {
  const statement = await prepared(db, sql);
  const params = serializeValues(db.serializers, statement.paramTypes, values);
  const chunks: Uint8Array[] = [];
  await db.execProtocolRawStream(encodeExecution(statement.name, params), {
    syncToFs: false,
    // The chunk is a view of PGlite's memory, reused by the next exchange: copy it.
    onRawData: (chunk) => void chunks.push(chunk.slice()),
  });
  const answer = readExchange(concatBytes(chunks), statement.fields, db.parsers as TypeParsers);
  if (answer.notifications.length > 0) announce(db, answer.notifications);
  if (answer.error) throw answer.error;
  return answer.result;
}

async function prepared(db: PGlite, sql: string): Promise<KeptStatement> {
  const cache = cacheOf(db);
  const hit = cache.hit(sql);
  if (hit) return hit;
  const name = cache.nextName();
  const { messages } = await db.execProtocol(
    concatBytes([
      ...cache.closing(),
      serialize.parse({ name, text: sql }),
      serialize.describe({ type: 'S', name }),
      serialize.sync(),
    ]),
    { syncToFs: false },
  );
  const description = messages.find((m) => m.name === 'rowDescription') as
    InstanceType<typeof protocol.messages.RowDescriptionMessage> | undefined;
  const statement = {
    name,
    paramTypes: parse.parseDescribeStatementResults(messages),
    fields: (description?.fields ?? []).map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
  };
  cache.keep(sql, statement);
  return statement;
}

function forget(db: PGlite, sql: string): void {
  cacheOf(db).forget(sql);
}

/** How many statements are kept for this instance (tests). */
export function preparedCount(db: PGlite): number {
  return cacheOf(db).size;
}
