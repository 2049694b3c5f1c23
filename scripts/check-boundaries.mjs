#!/usr/bin/env node
// Proves the module-boundary lint rule bites: a throw-away protocol library that
// imports TypeORM, Nest and a domain library must fail ESLint with those errors.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const probe = join(root, 'libs/protocols/boundary-probe');
const env = { ...process.env, NX_DAEMON: 'false' };
const graph = () => spawnSync('npx', ['nx', 'show', 'projects'], { cwd: root, env, encoding: 'utf8' });

let ok = false;
try {
  mkdirSync(join(probe, 'src'), { recursive: true });
  writeFileSync(
    join(probe, 'project.json'),
    JSON.stringify({
      name: 'boundary-probe',
      sourceRoot: 'libs/protocols/boundary-probe/src',
      projectType: 'library',
      tags: ['type:protocol'],
    }),
  );
  writeFileSync(
    join(probe, 'src/index.ts'),
    [
      "import { DataSource } from 'typeorm';",
      "import { Injectable } from '@nestjs/common';",
      "import { DirectoryModule } from '@estafette/directory';",
      'export const probe = [DataSource, Injectable, DirectoryModule];',
      '',
    ].join('\n'),
  );
  graph();
  const lint = spawnSync('npx', ['eslint', 'libs/protocols/boundary-probe'], { cwd: root, env, encoding: 'utf8' });
  const output = lint.stdout + lint.stderr;
  const expected = [/typeorm/i, /@nestjs\/common/i, /onlyDependOnLibsWithTags|can only depend on libs tagged/i];
  const missing = expected.filter((re) => !re.test(output));
  ok = lint.status !== 0 && missing.length === 0;
  if (!ok) console.log(`boundary rule did not report every violation (missing ${missing.join(', ')}):\n${output}`);
} finally {
  rmSync(probe, { recursive: true, force: true });
  try {
    rmdirSync(join(root, 'libs/protocols'));
  } catch {
    // other protocol libraries live there
  }
  graph();
}
console.log(
  ok
    ? 'module boundaries: a protocol library importing TypeORM, Nest or a domain library fails lint'
    : 'module boundaries: NOT enforced',
);
process.exit(ok ? 0 : 1);
