/** The input layer on real files, FIFOs, pipes, devices and sockets (Linux kernel objects, not mocks). */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputLines } from './input-lines';
import { INPUT_LIMITS } from './input-limits';
import { InputAbortedError, InputError, openInput } from './open-input';

const onPosix = process.platform !== 'win32';
if (!onPosix) console.info('skipped: FIFOs, /dev/zero and unix sockets need a POSIX system');

async function readAll(path: string, options: Parameters<typeof openInput>[1] = {}) {
  const input = await openInput(path, options);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of input.chunks()) chunks.push(chunk);
  } finally {
    await input.close();
  }
  return { input, text: Buffer.concat(chunks).toString('utf8') };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe.runIf(onPosix)('openInput', () => {
  let dir: string;
  let socketServer: Server;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'apsd-watch-input-'));
    socketServer = createServer();
    await new Promise<void>((resolve) => socketServer.listen(join(dir, 'unix.sock'), resolve));
  });
  afterAll(() => {
    socketServer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a regular file whole, with its size and modification time', async () => {
    writeFileSync(join(dir, 'a.txt'), 'one\ntwo\n');
    const { input, text } = await readAll(join(dir, 'a.txt'));
    expect(text).toBe('one\ntwo\n');
    expect([input.kind, input.size, input.bytesRead, input.capped]).toEqual(['file', 8, 8, false]);
    expect(input.mtimeMs).toBeGreaterThan(0);
  });

  it('names each kind of unreadable path for what it is, never "a directory" unless it is one', async () => {
    const reasons = await Promise.all(
      [dir, join(dir, 'missing'), join(dir, 'unix.sock'), join(dir, 'a.txt', 'x')].map(
        async (path) => (await failure(openInput(path))).message,
      ),
    );
    expect(reasons).toEqual([
      `${dir}: is a directory`,
      `${join(dir, 'missing')}: no such file`,
      `${join(dir, 'unix.sock')}: is a socket, not a file`,
      `${join(dir, 'a.txt', 'x')}: no such file`,
    ]);
  });

  it('opens a FIFO nobody writes to at once, and an abort ends the wait', async () => {
    const fifo = join(dir, 'idle.fifo');
    execFileSync('mkfifo', [fifo]);
    const controller = new AbortController();
    const input = await openInput(fifo, { signal: controller.signal });
    expect(input.kind).toBe('pipe');
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await failure(
      (async () => {
        for await (const chunk of input.chunks()) void chunk;
      })(),
    );
    await input.close();
    expect(error).toBeInstanceOf(InputAbortedError);
    expect(error.message).toBe(`${fifo}: interrupted`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('waits for a FIFO writer like cat does, then reads to its end', async () => {
    const fifo = join(dir, 'late.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `sleep 0.2; printf 'a\\nb\\n' > '${fifo}'`]);
    const { input, text } = await readAll(fifo);
    expect(text).toBe('a\nb\n');
    expect(input.size).toBeNull();
    await new Promise((resolve) => writer.once('exit', resolve));
  });

  it('reads standard input for `-` and stops at the byte cap', async () => {
    const stdin = new PassThrough();
    stdin.end('12345678');
    const { input, text } = await readAll('-', { stdin, maxBytes: 5 });
    expect([input.kind, input.label, text, input.capped]).toEqual([
      'stdin',
      'standard input',
      '12345',
      true,
    ]);
  });

  it('stops /dev/zero at the cap instead of reading forever', async () => {
    const { input, text } = await readAll('/dev/zero', { maxBytes: 3 * 1024 * 1024 + 7 });
    expect([input.kind, text.length, input.capped]).toEqual(['device', 3 * 1024 * 1024 + 7, true]);
  });

  it('refuses with an InputError carrying the reason apart from the path', async () => {
    const error = await failure(openInput(dir));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).reason).toBe('is a directory');
  });
});

describe.runIf(onPosix)('inputLines', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'apsd-watch-lines-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function lines(path: string, maxLines?: number) {
    const input = await openInput(path, { maxBytes: 8 * 1024 * 1024 });
    const reader = inputLines(input, maxLines);
    const all: string[] = [];
    try {
      for await (const batch of reader.batches()) all.push(...batch);
    } finally {
      await input.close();
    }
    return { all, reader };
  }

  it('hands over every line, the last one without a newline too, and counts over-long ones', async () => {
    const long = 'x'.repeat(INPUT_LIMITS.lineBytes + 1);
    writeFileSync(join(dir, 'mixed.txt'), `a\r\n${long}\nb\nc`);
    const { all, reader } = await lines(join(dir, 'mixed.txt'));
    expect(all).toEqual(['a', 'b', 'c']);
    expect([reader.lines, reader.oversize, reader.capped]).toEqual([3, 1, false]);
    expect(reader.problems()).toEqual(['1 line longer than 64 KiB skipped']);
  });

  it('stops at the line cap and says so', async () => {
    writeFileSync(join(dir, 'many.txt'), 'l\n'.repeat(1000));
    const { all, reader } = await lines(join(dir, 'many.txt'), 250);
    expect([all.length, reader.capped]).toEqual([250, true]);
    expect(reader.problems()).toEqual(['stopped after 250 lines (the cap per file)']);
  });

  it('reads /dev/zero as one over-long line, skipped, and stops at the byte cap', async () => {
    const { all, reader } = await lines('/dev/zero');
    expect(all).toEqual([]);
    expect([reader.oversize, reader.capped]).toEqual([1, true]);
    expect(reader.problems()).toEqual([
      '1 line longer than 64 KiB skipped',
      'stopped after 8 MiB (the cap per input)',
    ]);
  });
});
