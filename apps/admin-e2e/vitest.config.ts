import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const workspaceRoot = resolve(__dirname, '../..');

// Path aliases come from tsconfig.base.json (as in the root vitest.config.ts): the tests boot the real server.
const base = JSON.parse(readFileSync(resolve(workspaceRoot, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
const alias = Object.fromEntries(
  Object.entries(base.compilerOptions.paths).map(([name, [target]]) => [name, resolve(workspaceRoot, target)]),
);

/** Browser tests of the admin console: run from the workspace root after `cd apps/admin && npx ng build`. */
export default defineConfig({
  root: workspaceRoot,
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
    include: ['apps/admin-e2e/src/**/*.e2e.spec.ts'],
    environment: 'node',
    pool: 'forks',
    // One browser and one server per file; files run one after another so they do not fight over CPU.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    env: { TZ: 'UTC' },
  },
});
