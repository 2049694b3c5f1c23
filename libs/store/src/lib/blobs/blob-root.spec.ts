import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobRoot } from './blob-root';

describe('the temporary blob root of an in-memory store', () => {
  it('is made once per process, and removes the roots of processes that are gone but not of live ones', () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const abandoned = mkdtempSync(join(tmpdir(), `estafette-blobs-${gone}-`));
    const alive = mkdtempSync(join(tmpdir(), `estafette-blobs-${process.ppid}-`));
    // A name without "<pid>-" is someone else's (fs-blob-store.spec makes such stores): never touched.
    const other = mkdtempSync(join(tmpdir(), `estafette-blobs-${gone}`));
    try {
      const root = blobRoot(null);
      expect(root.startsWith(join(tmpdir(), `estafette-blobs-${process.pid}-`))).toBe(true);
      expect(existsSync(root)).toBe(true);
      expect(existsSync(abandoned)).toBe(false);
      expect(existsSync(alive)).toBe(true);
      expect(existsSync(other)).toBe(true);
      expect(blobRoot(null)).toBe(root);
      expect(blobRoot('/var/lib/estafette')).toBe('/var/lib/estafette/blobs');
    } finally {
      rmSync(abandoned, { recursive: true, force: true });
      rmSync(alive, { recursive: true, force: true });
      rmSync(other, { recursive: true, force: true });
    }
  });
});
