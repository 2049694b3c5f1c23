import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Unit tests of the console's framework-free code (paths, filters, diffs, name rules):
 * `npx vitest run --config apps/admin/vitest.config.ts` from the workspace root.
 * Components and stores are covered by the browser tests in apps/admin-e2e.
 */
export default defineConfig({
  root: resolve(__dirname, '../..'),
  resolve: { alias: { '@estafette/contracts': resolve(__dirname, '../../libs/contracts/src/index.ts') } },
  test: {
    include: ['apps/admin/src/**/*.spec.ts'],
    environment: 'node',
    env: { TZ: 'UTC' },
  },
});
