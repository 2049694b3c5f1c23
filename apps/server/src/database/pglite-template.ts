import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';

/**
 * A migrated, empty in-memory database kept as a tarball, so that the next one starts from it instead of
 * running initdb and every migration again (about 3 s of WASM each; the test suites open one per file).
 */

/** The dump at `path`, as PGlite's loadDataDir takes it. */
export function templateDump(path: string): Blob {
  return new Blob([readFileSync(path)]);
}

/** Writes the database's data directory to `path` (uncompressed tarball), atomically: whole or not at all. */
export async function dumpDataDir(db: PGlite, path: string): Promise<void> {
  const dump = await db.dumpDataDir('none');
  const partial = `${path}.${process.pid}-${threadId}.partial`;
  try {
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
  } finally {
    rmSync(partial, { force: true });
  }
}
