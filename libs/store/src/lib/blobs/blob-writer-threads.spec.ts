import * as fs from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobWriterThreads, writeBlobNow, type WriterFs } from './blob-writer-threads';

/** node:fs with every call of a write recorded, and one step made to fail on demand. */
function recordingFs(calls: string[], failAt?: string): WriterFs {
  const step = <T>(name: string, run: () => T): T => {
    calls.push(name);
    if (name === failAt) throw Object.assign(new Error(`EIO: i/o error, ${name}`), { code: 'EIO' });
    return run();
  };
  const names = new Map<number, string>();
  return {
    openSync: ((path: string, flags: string) => {
      const fd = step('open', () => fs.openSync(path, flags));
      names.set(fd, 'file');
      return fd;
    }) as WriterFs['openSync'],
    writeSync: ((fd: number, data: Uint8Array, offset: number, length: number) =>
      step('write', () => fs.writeSync(fd, data, offset, length))) as WriterFs['writeSync'],
    fsyncSync: (fd: number) => step(`fsync ${names.get(fd) ?? 'directory'}`, () => fs.fsyncSync(fd)),
    closeSync: (fd: number) => {
      const name = names.get(fd) ?? 'directory';
      // A descriptor's number is used again once it is closed.
      names.delete(fd);
      step(`close ${name}`, () => fs.closeSync(fd));
    },
    renameSync: (from: fs.PathLike, to: fs.PathLike) => step('rename', () => fs.renameSync(from, to)),
    rmSync: (path: fs.PathLike, options?: fs.RmOptions) => step('rm', () => fs.rmSync(path, options)),
  };
}

/** Every step of a write, in order. */
const WHOLE_WRITE = ['open', 'write', 'fsync file', 'close file', 'rename', 'fsync directory', 'close directory'];

describe('writeBlobNow', () => {
  let root: string;
  const blob = () => ({
    tempPath: join(root, 'tmp', 'part'),
    target: join(root, 'ab', 'blob'),
    directory: join(root, 'ab'),
    data: Buffer.from('Subject: hello\r\n\r\nbody'),
  });
  const directoryFd = (path: string) => ({ fd: fs.openSync(path, fs.constants.O_RDONLY), kept: false });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'estafette-blob-writer-'));
    fs.mkdirSync(join(root, 'tmp'));
    fs.mkdirSync(join(root, 'ab'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('syncs the file before its rename and the directory after it', async () => {
    const calls: string[] = [];
    writeBlobNow(recordingFs(calls), blob(), directoryFd);
    expect(calls).toEqual(WHOLE_WRITE);
    expect(await readFile(blob().target, 'utf8')).toBe('Subject: hello\r\n\r\nbody');
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('removes the temporary file and renames nothing when its fsync fails', async () => {
    const calls: string[] = [];
    expect(() => writeBlobNow(recordingFs(calls, 'fsync file'), blob(), directoryFd)).toThrow(/EIO/);
    expect(calls).toEqual(['open', 'write', 'fsync file', 'close file', 'rm']);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    expect(await readdir(join(root, 'ab'))).toEqual([]);
  });

  it('fails when the directory cannot be synced, the blob being in place already', async () => {
    const calls: string[] = [];
    expect(() => writeBlobNow(recordingFs(calls, 'fsync directory'), blob(), directoryFd)).toThrow(/EIO/);
    expect(calls).toEqual(WHOLE_WRITE);
    expect(await readdir(join(root, 'ab'))).toEqual(['blob']);
  });
});

describe('BlobWriterThreads', () => {
  let root: string;
  let writers: BlobWriterThreads;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'estafette-blob-writer-'));
    fs.mkdirSync(join(root, 'tmp'));
    fs.mkdirSync(join(root, 'ab'));
    writers = new BlobWriterThreads(3);
  });
  afterEach(async () => {
    await writers.close();
    await rm(root, { recursive: true, force: true });
  });

  const write = (name: string, content: string, directory = 'ab') =>
    writers.write({
      tempPath: join(root, 'tmp', name),
      target: join(root, directory, name),
      directory: join(root, directory),
      // A view into a larger buffer, as a socket's data often is: only the view is written.
      data: Buffer.from(`xx${content}yy`).subarray(2, 2 + content.length),
    });

  it('writes many blobs at once on several threads', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `blob-${i}`);
    await Promise.all(names.map((name) => write(name, `content of ${name}`)));
    for (const name of names) expect(await readFile(join(root, 'ab', name), 'utf8')).toBe(`content of ${name}`);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('rejects with the error and its code from the thread, and keeps working', async () => {
    fs.rmSync(join(root, 'ab'), { recursive: true });
    await expect(write('lost', 'no directory to rename into')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    fs.mkdirSync(join(root, 'ab'));
    await write('kept', 'after the failure');
    expect(await readFile(join(root, 'ab', 'kept'), 'utf8')).toBe('after the failure');
    expect(writers.usable).toBe(true);
  });

  it('closes the directory descriptors its threads kept when it closes', async () => {
    // Descriptors belong to the process; Node closes those a thread opened when it ends the thread.
    const open = () => fs.readdirSync('/proc/self/fd').length;
    const shards = Array.from({ length: 12 }, (_, i) => `s${i}`);
    for (const shard of shards) fs.mkdirSync(join(root, shard));
    const before = open();
    await Promise.all(shards.map((shard) => write(shard, shard, shard)));
    expect(open()).toBeGreaterThanOrEqual(before + shards.length);
    await writers.close();
    expect(open()).toBeLessThanOrEqual(before);
  });

  it('starts new threads for writes after close', async () => {
    await write('first', 'one');
    await writers.close();
    await write('second', 'two');
    expect(await readFile(join(root, 'ab', 'second'), 'utf8')).toBe('two');
  });
});
