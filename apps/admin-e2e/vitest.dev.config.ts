import { defineConfig } from 'vitest/config';
import e2e from './vitest.config';

/**
 * Not a test: `npx vitest run --config apps/admin-e2e/vitest.dev.config.ts` boots the real server with the
 * built console (a throwaway in-memory database with a few sample objects) and prints its address, for
 * working on the UI. It stops when the file named by ESTAFETTE_DEV_STOP_FILE appears (default /tmp/estafette-admin-dev.stop).
 */
export default defineConfig({
  ...e2e,
  test: { ...e2e.test, include: ['apps/admin-e2e/dev/*.dev.ts'], testTimeout: 24 * 3600_000 },
});
