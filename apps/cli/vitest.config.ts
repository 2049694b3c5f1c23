import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
// eslint-disable-next-line @nx/enforce-module-boundaries
import rootConfig from '../../vitest.config';

/**
 * The root vitest.config.ts does not list apps/cli in `include` yet; this config
 * reuses it (SWC transform and path aliases: the end-to-end spec boots the real
 * server in-process) with the CLI specs only.
 * Run: npx vitest run --config apps/cli/vitest.config.ts
 */
export default defineConfig({
  ...rootConfig,
  root: resolve(__dirname, '../..'),
  test: { ...rootConfig.test, include: ['apps/cli/**/*.spec.ts'] },
});
