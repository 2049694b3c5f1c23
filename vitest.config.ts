import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { configDefaults, defineConfig } from 'vitest/config';

// Path aliases come from tsconfig.base.json so there is one source of truth.
const base = JSON.parse(readFileSync(resolve(__dirname, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
const alias = Object.fromEntries(
  Object.entries(base.compilerOptions.paths).map(([name, [target]]) => [name, resolve(__dirname, target)]),
);

/**
 * The PGlite driver's own tests (worker thread, durable WAL, prepared statements, doorbells) open PGlite
 * whatever DATABASE_URL says: the run on PostgreSQL would repeat them unchanged, a minute and a half of a
 * CI run that must stay well inside its half hour.
 */
const PGLITE_DRIVER_SPECS = [
  'apps/server/src/database/pglite-worker-pool.spec.ts',
  'apps/server/src/database/pglite-durable-wal.spec.ts',
  'apps/server/src/database/pglite-prepared.spec.ts',
  'apps/server/src/database/pglite-doorbell.spec.ts',
];

export default defineConfig({
  // SWC (not esbuild) so that Nest and TypeORM decorators get their design-time metadata.
  plugins: [
    swc.vite({
      tsconfigFile: false,
      module: { type: 'es6' },
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      },
    }),
  ],
  resolve: { alias },
  test: {
    include: ['apps/server/**/*.spec.ts', 'apps/cli/**/*.spec.ts', 'libs/**/*.spec.ts'],
    exclude: [...configDefaults.exclude, ...(process.env['DATABASE_URL'] ? PGLITE_DRIVER_SPECS : [])],
    teardownTimeout: 10_000,
    environment: 'node',
    pool: 'forks',
    // Vitest runs cores - 1 files at once by default: one on a 2-core machine, which leaves a core idle
    // while an in-process server and PGlite keep the other busy.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC' },
  },
});
