// Preloaded into the Estafette server by the IMAP benchmark (node --expose-gc -r): SIGUSR2 runs a full
// garbage collection, so that memory per idle connection is read without the garbage of the mixes before
// it (a collection between two readings made the per-connection slope negative).
const { isMainThread } = require('node:worker_threads');

if (isMainThread && typeof globalThis.gc === 'function') process.on('SIGUSR2', () => globalThis.gc());
