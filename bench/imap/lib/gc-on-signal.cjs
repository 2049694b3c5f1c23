// Preloaded into the Estafette server by the IMAP benchmark (node --expose-gc -r): SIGWINCH (ignored by
// default, and not among the signals on which Nest shuts the server down, as SIGUSR2 is) runs a full
// garbage collection and writes the server thread's memory after it to ESTAFETTE_BENCH_GC_REPORT, so that
// memory per idle connection is read as live memory, without the garbage of the mixes before it.
const { renameSync, writeFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const report = process.env.ESTAFETTE_BENCH_GC_REPORT;
if (isMainThread && report && typeof globalThis.gc === 'function')
  process.on('SIGWINCH', () => {
    globalThis.gc();
    writeFileSync(`${report}.partial`, JSON.stringify({ at: Date.now(), ...process.memoryUsage() }));
    renameSync(`${report}.partial`, report);
  });
