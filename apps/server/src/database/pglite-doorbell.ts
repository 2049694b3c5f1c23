/**
 * Doorbells between the server's thread and the PGlite worker, for the statements of an open transaction:
 * each side waits for the other's next message without leaving its turn of the event loop (see
 * WorkerClient.requestNow and PgliteSession.nextOfTransaction). Waiting by polling alone kept both threads
 * spinning through every transaction, a whole core on a two-core machine that the WAL sync thread, the
 * thread pool and the other thread's work needed; a doorbell lets a waiter sleep (Atomics.wait) after a
 * short spin and be woken when the message is on its port.
 */

/** The two rings counted in the shared memory: the worker's answers, the server's transaction statements. */
export const ANSWER_RING = 0;
export const REQUEST_RING = 1;

/** Polls before sleeping: a statement answered within a few microseconds is taken without a wake-up. */
const SPIN_POLLS = 64;

export function createDoorbells(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

/** Rings `bell` after a message was posted: a sleeping waiter wakes and finds it on its port. */
export function ring(bells: Int32Array, bell: number): void {
  Atomics.add(bells, bell, 1);
  Atomics.notify(bells, bell);
}

/**
 * Takes a message with `poll` until it returns one or `deadline` (performance.now()) passes: spins a little,
 * then sleeps until `bell` is rung. The bell's count is read before each poll, so a message posted between
 * the poll and the sleep changes the count and the sleep returns at once.
 */
export function waitFor<T>(
  bells: Int32Array,
  bell: number,
  poll: () => T | undefined,
  deadline: number,
): T | undefined {
  for (let polls = 0; ; polls++) {
    const seen = Atomics.load(bells, bell);
    const found = poll();
    if (found !== undefined) return found;
    if (polls < SPIN_POLLS) continue;
    const left = deadline - performance.now();
    if (left <= 0) return undefined;
    Atomics.wait(bells, bell, seen, left);
  }
}
