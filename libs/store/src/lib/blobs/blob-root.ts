import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TEMPORARY_PREFIX = 'estafette-blobs-';

let processTemporaryRoot: string | null = null;

/** Whether a process of that id runs (signal 0 only asks). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary roots of processes that are gone: a process killed by a signal (a test runner
 * ending its workers) never runs its exit handler.
 */
function sweepAbandonedRoots(): void {
  for (const name of readdirSync(tmpdir())) {
    // "<prefix><pid>-<random>": other temporary names with the prefix (a test's own store) are not ours.
    const owner = name.startsWith(TEMPORARY_PREFIX) ? /^(\d+)-/.exec(name.slice(TEMPORARY_PREFIX.length)) : null;
    const pid = owner ? Number(owner[1]) : NaN;
    if (owner && pid !== process.pid && !running(pid)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/**
 * Where blobs live: `<dataDir>/blobs`, or for an in-memory database (tests, dataDir null) one temporary
 * directory per process, removed when the process exits (and by the next process to make one, when it
 * was killed).
 */
export function blobRoot(dataDir: string | null): string {
  if (dataDir !== null) return join(dataDir, 'blobs');
  if (processTemporaryRoot === null) {
    sweepAbandonedRoots();
    const root = mkdtempSync(join(tmpdir(), `${TEMPORARY_PREFIX}${process.pid}-`));
    processTemporaryRoot = root;
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  }
  return processTemporaryRoot;
}
