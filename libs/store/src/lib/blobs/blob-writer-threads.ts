import { Worker } from 'node:worker_threads';

/** One small blob to write: its bytes go to `tempPath`, synced, renamed to `target`, `directory` synced. */
export interface BlobWrite {
  tempPath: string;
  target: string;
  /** The directory of `target`, whose fsync makes the new name durable. */
  directory: string;
  data: Buffer;
}

interface Job extends Omit<BlobWrite, 'data'> {
  id: number;
  data: Uint8Array;
}

interface Reply {
  id: number;
  error?: { message: string; code?: string };
}

/** The file system calls a write makes (node:fs; a test passes a recording one). */
export type WriterFs = Pick<
  typeof import('node:fs'),
  'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'rmSync'
>;

/**
 * One whole write with blocking calls: the file synced before its rename, the directory synced after it,
 * the temporary file removed when anything before the rename fails. `directoryFd` gives the directory's
 * descriptor and says whether it is kept open.
 */
export function writeBlobNow(
  fs: WriterFs,
  blob: Omit<BlobWrite, 'data'> & { data: Uint8Array },
  directoryFd: (path: string) => { fd: number; kept: boolean },
): void {
  let renamed = false;
  try {
    const fd = fs.openSync(blob.tempPath, 'wx');
    try {
      for (let offset = 0; offset < blob.data.length;) {
        const written = fs.writeSync(fd, blob.data, offset, blob.data.length - offset);
        if (written === 0) throw new Error('the blob store could not write (no space left?)');
        offset += written;
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(blob.tempPath, blob.target);
    renamed = true;
    const directory = directoryFd(blob.directory);
    try {
      fs.fsyncSync(directory.fd);
    } finally {
      if (!directory.kept) fs.closeSync(directory.fd);
    }
  } catch (error) {
    if (!renamed) fs.rmSync(blob.tempPath, { force: true });
    throw error;
  }
}

/**
 * The body of a writer thread, started from its source text and writeBlobNow's (`eval`), so the library
 * needs no separate build entry: it must use nothing but `require` and writeBlobNow. Blocking calls are
 * right there: the thread has nothing else to do, and the server thread no longer waits for the file
 * system's journal (an open or a rename waits for it under a load of fsyncs). The directory descriptors
 * it keeps are closed by Node when the thread ends (close terminates it).
 */
function writerThread(): void {
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  const fs = require('node:fs') as typeof import('node:fs');
  const kept = new Map<string, number>();
  const directoryFd = (path: string): { fd: number; kept: boolean } => {
    const known = kept.get(path);
    if (known !== undefined) return { fd: known, kept: true };
    const fd = fs.openSync(path, fs.constants.O_RDONLY);
    if (kept.size >= 1024) return { fd, kept: false };
    kept.set(path, fd);
    return { fd, kept: true };
  };
  parentPort?.on('message', (job: Job) => {
    try {
      writeBlobNow(fs, job, directoryFd);
      parentPort.postMessage({ id: job.id });
    } catch (error) {
      const { message, code } = error as NodeJS.ErrnoException;
      parentPort.postMessage({ id: job.id, error: { message, code } });
    }
  });
}

/**
 * Threads that write small blobs from memory, a whole write (open, write, fsync, close, rename, fsync of
 * the directory) in one trip: the server thread posts the bytes and gets one answer. Through the thread
 * pool the same write was two to six turns of the event loop plus the blocking open and rename on the
 * server thread (about 15% of its time under the IMAP load). Several threads, because most of a write is
 * waiting for the disk's two fsyncs. Started on first use; unreferenced, so they never keep a process up.
 */
export class BlobWriterThreads {
  private readonly threads: { worker: Worker; inFlight: number }[] = [];
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private next = 1;
  private failure: Error | null = null;

  constructor(private readonly size = 4) {}

  /** False once a thread failed: callers then write on their own. */
  get usable(): boolean {
    return this.failure === null;
  }

  write(blob: BlobWrite): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.threads.length < this.size && this.threads.every((thread) => thread.inFlight > 0)) this.start();
    const thread = this.threads.reduce((best, candidate) => (candidate.inFlight < best.inFlight ? candidate : best));
    const id = this.next++;
    // A copy of its own: a Buffer is often a view of a larger pooled one, which would be cloned whole.
    const data = new Uint8Array(blob.data.length);
    data.set(blob.data);
    const done = new Promise<void>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    thread.inFlight += 1;
    const job: Job = { id, tempPath: blob.tempPath, target: blob.target, directory: blob.directory, data };
    thread.worker.postMessage(job, [data.buffer]);
    return done;
  }

  /** Stops the threads (writes in flight are rejected); a later write starts new ones. */
  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    for (const thread of threads) thread.worker.removeAllListeners();
    for (const waiter of this.waiting.values()) waiter.reject(new Error('the blob writer threads were closed'));
    this.waiting.clear();
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private start(): void {
    const thread = {
      worker: new Worker(`${writeBlobNow.toString()}\n(${writerThread.toString()})()`, { eval: true }),
      inFlight: 0,
    };
    thread.worker.unref();
    thread.worker.on('message', (reply: Reply) => {
      thread.inFlight -= 1;
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (!reply.error) return waiter?.resolve();
      const error = new Error(reply.error.message) as NodeJS.ErrnoException;
      if (reply.error.code) error.code = reply.error.code;
      waiter?.reject(error);
    });
    thread.worker.on('error', (error) => this.fail(error));
    thread.worker.on('exit', () => this.fail(new Error('a blob writer thread exited')));
    this.threads.push(thread);
  }

  /** Writes in flight on a failed thread may or may not have happened: their callers see an error. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
