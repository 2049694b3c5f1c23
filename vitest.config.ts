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
 * Specs that do the same whatever DATABASE_URL says, run once (in the PGlite run): the PGlite driver's own
 * tests (worker thread, durable WAL, prepared statements, doorbells), which open PGlite anyway, and those of
 * the libraries that never touch a database (MIME, the protocol libraries). The run on PostgreSQL would
 * repeat them unchanged, about three minutes of test time in a CI run that must stay well inside its half
 * hour.
 */
const DATABASE_INDEPENDENT_SPECS = [
  'apps/server/src/database/pglite-worker-pool.spec.ts',
  'apps/server/src/database/pglite-durable-wal.spec.ts',
  'apps/server/src/database/pglite-prepared.spec.ts',
  'apps/server/src/database/pglite-doorbell.spec.ts',
  'apps/server/src/database/pglite-template.spec.ts',
  'libs/mime/**/*.spec.ts',
  'libs/protocols/**/*.spec.ts',
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
    exclude: [...configDefaults.exclude, ...(process.env['DATABASE_URL'] ? DATABASE_INDEPENDENT_SPECS : [])],
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
