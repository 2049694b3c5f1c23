import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { ANSWER_RING, createDoorbells, ring, waitFor } from './pglite-doorbell';

// A thread that posts on `port` after `delayMs` and rings, as the PGlite worker answers a transaction's statement.
const answeringThread = `
const { workerData } = require('node:worker_threads');
const { port, bells, delayMs, ringIt } = workerData;
setTimeout(() => {
  port.postMessage('answer');
  if (ringIt) { Atomics.add(bells, 0, 1); Atomics.notify(bells, 0); }
}, delayMs);
`;

function answerFrom(delayMs: number, ringIt: boolean): { port: MessagePort; bells: Int32Array; done: Promise<number> } {
  const bells = createDoorbells();
  const channel = new MessageChannel();
  const worker = new Worker(answeringThread, {
    eval: true,
    workerData: { port: channel.port2, bells, delayMs, ringIt },
    transferList: [channel.port2],
  });
  return {
    port: channel.port1,
    bells,
    done: new Promise((resolve) => worker.once('exit', resolve)),
  };
}

describe('doorbells between the server thread and the PGlite worker', () => {
  it('wakes a waiter that sleeps without leaving its turn when the other thread posts and rings', async () => {
    const { port, bells, done } = answerFrom(150, true);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const message = waitFor(
      bells,
      ANSWER_RING,
      () => receiveMessageOnPort(port)?.message as string | undefined,
      started + 10_000,
    );
    const waited = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    expect(message).toBe('answer');
    expect(waited).toBeGreaterThanOrEqual(100);
    expect(waited).toBeLessThan(5_000);
    // Asleep, not polling: far less CPU than the time waited (polling costs the whole of it).
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(waited / 2);
    port.close();
    await done;
  });

  it('gives up at the deadline when nothing comes, and takes a message already there at once', async () => {
    const bells = createDoorbells();
    const channel = new MessageChannel();
    const poll = () => receiveMessageOnPort(channel.port1)?.message as string | undefined;
    const started = performance.now();
    expect(waitFor(bells, ANSWER_RING, poll, started + 60)).toBeUndefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    channel.port2.postMessage('early');
    ring(bells, ANSWER_RING);
    expect(waitFor(bells, ANSWER_RING, poll, performance.now() + 10_000)).toBe('early');
    channel.port1.close();
  });

  it('takes a message that is on the port already without waiting for a ring', async () => {
    const { port, bells, done } = answerFrom(20, false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The message is on the port already: the first poll takes it.
    expect(
      waitFor(
        bells,
        ANSWER_RING,
        () => receiveMessageOnPort(port)?.message as string | undefined,
        performance.now() + 50,
      ),
    ).toBe('answer');
    port.close();
    await done;
  });
});
