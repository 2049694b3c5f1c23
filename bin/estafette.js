#!/usr/bin/env node
'use strict';
// The estafette command. Runs the bundle dist/cli/estafette.js and builds it
// first (scripts/build-cli.mjs) when it is missing or older than apps/cli/src,
// so that `npx estafette` works right after `npm install` and after an edit.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const bundle = join(root, 'dist', 'cli', 'estafette.js');
const sources = join(root, 'apps', 'cli', 'src');
const buildScript = join(root, 'scripts', 'build-cli.mjs');

/** Newest modification time under a directory (a few dozen files: cheap enough for every start). */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

function isStale() {
  if (!existsSync(bundle)) return true;
  if (!existsSync(sources) || !existsSync(buildScript)) return false;
  return newestMtime(sources) > statSync(bundle).mtimeMs;
}

if (isStale()) {
  const missing = !existsSync(bundle);
  try {
    // The build's own output goes to stderr: stdout belongs to the command (--json).
    execFileSync(process.execPath, [buildScript], { cwd: root, stdio: ['ignore', 2, 2] });
  } catch {
    if (missing) {
      process.stderr.write('estafette: could not build the CLI (node scripts/build-cli.mjs failed; see above)\n');
      process.exit(1);
    }
    process.stderr.write('estafette: could not rebuild the CLI; running the previous build\n');
  }
}

require(bundle);
