import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

let base: string | null = null;

// Registered when a spec file imports this module, so it runs after that file's tests.
afterAll(() => {
  if (base !== null) rmSync(base, { recursive: true, force: true });
  base = null;
});

/** A fresh directory under one temporary directory per spec file, removed after the file's tests. */
export function tempDir(prefix: string): string {
  base ??= mkdtempSync(join(tmpdir(), 'estafette-cli-spec-'));
  return mkdtempSync(join(base, prefix));
}
