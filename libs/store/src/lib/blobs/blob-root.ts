import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let processTemporaryRoot: string | null = null;

/**
 * Where blobs live: `<dataDir>/blobs`, or for an in-memory database (tests, dataDir null) one temporary
 * directory per process, removed when the process exits.
 */
export function blobRoot(dataDir: string | null): string {
  if (dataDir !== null) return join(dataDir, 'blobs');
  if (processTemporaryRoot === null) {
    const root = mkdtempSync(join(tmpdir(), `estafette-blobs-${process.pid}-`));
    processTemporaryRoot = root;
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  }
  return processTemporaryRoot;
}
