#!/usr/bin/env node
// Bundles the estafette CLI (apps/cli/src/main.ts) into dist/cli/estafette.js.
// Dependencies stay external (node_modules); the @estafette/* path aliases of
// tsconfig.base.json are resolved and bundled. bin/estafette.js runs this when
// the bundle is missing or older than its sources.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist/cli/estafette.js');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// Built beside the target and renamed over it, so that a CLI started meanwhile never loads half a file.
const temporary = `${outfile}.${process.pid}.tmp`;

try {
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'apps/cli/src/main.ts')],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    tsconfig: join(root, 'tsconfig.base.json'),
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'warning',
    legalComments: 'none',
    define: { ESTAFETTE_CLI_VERSION: JSON.stringify(version) },
  });
  renameSync(temporary, outfile);
  process.stdout.write(`built ${outfile}\n`);
} catch (error) {
  rmSync(temporary, { force: true });
  // esbuild has already printed the details of a compile error.
  process.stderr.write(`build-cli: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
