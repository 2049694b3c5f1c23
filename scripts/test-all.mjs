#!/usr/bin/env node
// Runs every test suite (unit, API end to end, CLI, browser end to end), then
// prints one honest total as the last line: "N passed, N failed".
// The database is PGlite unless DATABASE_URL is set (then PostgreSQL).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, 'tmp', 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TZ: 'UTC', ...env } });
  return result.status ?? 1;
}

const totals = { passed: 0, failed: 0, skipped: 0 };

/** Runs one vitest configuration and adds its JSON report to the totals. */
function vitestSuite(name, configArgs) {
  const report = join(out, `${name}.json`);
  console.log(`\n=== ${name} (${engine}) ===`);
  const status = run('npx', [
    'vitest',
    'run',
    ...configArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  if (!existsSync(report)) {
    console.log(`${name}: no report was written (exit ${status}); counted as one failure`);
    totals.failed += 1;
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const failedSuites = json.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  totals.passed += json.numPassedTests;
  totals.failed += json.numFailedTests + failedSuites;
  totals.skipped += json.numPendingTests + json.numTodoTests;
  if (status !== 0 && json.numFailedTests + failedSuites === 0) {
    console.log(`${name}: vitest exited ${status} without a failed test; counted as one failure`);
    totals.failed += 1;
  }
}

console.log(`=== build (cached by Nx) ===`);
if (run('npx', ['nx', 'run-many', '-t', 'build', '--output-style=stream']) !== 0) {
  console.log('the build failed; counted as one failure');
  totals.failed += 1;
}

vitestSuite('unit-and-api', []);
vitestSuite('admin-unit', ['--config', 'apps/admin/vitest.config.ts']);

if (existsSync(join(root, 'apps/admin-e2e/vitest.config.ts'))) {
  if (!existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
    console.log('\nbrowser tests need Chromium: apt-get install -y chromium (counted as one failure)');
    totals.failed += 1;
  } else {
    vitestSuite('admin-e2e', ['--config', 'apps/admin-e2e/vitest.config.ts']);
  }
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed === 0 ? 0 : 1);
