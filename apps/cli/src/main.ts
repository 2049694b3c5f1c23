import { homedir } from 'node:os';
import { runCli } from './cli';
import { terminalPrompts } from './connection/terminal-prompts';

/** Set by scripts/build-cli.mjs (esbuild `define`) from the version in package.json. */
declare const ESTAFETTE_CLI_VERSION: string;

runCli(process.argv.slice(2), {
  version: ESTAFETTE_CLI_VERSION,
  env: process.env,
  homeDir: homedir(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  fetch: (input, init) => fetch(input, init),
  prompts: terminalPrompts(),
}).then(
  (code) => {
    // exitCode rather than exit(): stdout may still be draining into a pipe.
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`estafette: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
