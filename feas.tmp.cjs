const { Worker, isMainThread, parentPort, workerData, MessageChannel, receiveMessageOnPort } = require('worker_threads');
const { PGlite } = require('@electric-sql/pglite');
const { preparedQuery } = require('./dist/server/apps/server/src/database/pglite-prepared.js');
const SQL = 'SELECT id, name, n FROM t WHERE id = $1';
async function setup() { const db = await PGlite.create(); await db.exec('CREATE TABLE t (id int primary key, name text, n int); INSERT INTO t SELECT g, md5(g::text), g FROM generate_series(1,1000) g'); return db; }
if (isMainThread) {
  (async () => {
    const db = await setup();
    for (let i = 0; i < 2000; i++) await preparedQuery(db, SQL, [1 + (i % 1000)]);
    let c0 = process.cpuUsage(), t0 = performance.now();
    for (let i = 0; i < 20000; i++) await preparedQuery(db, SQL, [1 + (i % 1000)]);
    let c = process.cpuUsage(c0); console.log('in-thread', ((performance.now() - t0) / 20).toFixed(1), 'us/q wall', ((c.user + c.system) / 20000).toFixed(1), 'us/q cpu(all threads)');
    const w = new Worker(__filename);
    const { port1, port2 } = new MessageChannel(); const sab = new Int32Array(new SharedArrayBuffer(4));
    w.postMessage({ port: port2, sab }, [port2]);
    await new Promise((r) => w.once('message', r));
    const pending = new Map(); let id = 0;
    w.on('message', (m) => { pending.get(m.id)(m); pending.delete(m.id); });
    const q = (p) => new Promise((r) => { const i = id++; pending.set(i, r); w.postMessage({ id: i, p }); });
    for (let i = 0; i < 2000; i++) await q(i % 1000 + 1);
    c0 = process.cpuUsage(); let e0 = performance.eventLoopUtilization(); t0 = performance.now(); let n = 0;
    await Promise.all(Array.from({ length: 50 }, async () => { while (n < 20000) { n++; await q(1 + (n % 1000)); } }));
    let e = performance.eventLoopUtilization(e0);
    c = process.cpuUsage(c0); console.log('async x50 ', ((performance.now() - t0) / 20).toFixed(1), 'us/q wall', ((c.user + c.system) / 20000).toFixed(1), 'us/q cpu(all)', 'main busy', (e.active / 20).toFixed(1), 'us/q');
    const sq = (p) => { Atomics.store(sab, 0, 0); port1.postMessage({ p }); Atomics.wait(sab, 0, 0); return receiveMessageOnPort(port1).message; };
    for (let i = 0; i < 2000; i++) sq(i % 1000 + 1);
    c0 = process.cpuUsage(); t0 = performance.now();
    for (let i = 0; i < 20000; i++) sq(1 + (i % 1000));
    c = process.cpuUsage(c0); console.log('sync      ', ((performance.now() - t0) / 20).toFixed(1), 'us/q wall', ((c.user + c.system) / 20000).toFixed(1), 'us/q cpu(all)');
    process.exit(0);
  })();
} else {
  (async () => {
    const db = await setup();
    const run = async (p) => { const chunks = []; await db.execProtocolRawStream; return preparedQuery(db, SQL, [p]); };
    parentPort.once('message', ({ port, sab }) => {
      port.on('message', async ({ p }) => { const r = await preparedQuery(db, SQL, [p]); port.postMessage(r.rows); Atomics.store(sab, 0, 1); Atomics.notify(sab, 0); });
      parentPort.on('message', async ({ id, p }) => { const r = await preparedQuery(db, SQL, [p]); parentPort.postMessage({ id, rows: r.rows }); });
      parentPort.postMessage('ready');
    });
  })();
}
