/**
 * readApsctl against the stand-in apsctl as a real child process: each way it can fail is said in
 * one line with its status, never as an empty list of clients.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readApsctl } from '../../src/core/push-clients/read-apsctl';
import { fixturePath } from '../support/fixtures';

const FAKE = fixturePath('bin/fake-apsctl');
const dir = mkdtempSync(join(tmpdir(), `apsctl-read-${process.pid}-`));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withMode(mode: string, timeoutMs?: number) {
  const previous = process.env.FAKE_APSCTL_MODE;
  process.env.FAKE_APSCTL_MODE = mode;
  try {
    return await readApsctl({
      binary: FAKE,
      platform: 'linux',
      ...(timeoutMs ? { timeoutMs } : {}),
    });
  } finally {
    if (previous === undefined) delete process.env.FAKE_APSCTL_MODE;
    else process.env.FAKE_APSCTL_MODE = previous;
  }
}

describe('readApsctl with the stand-in apsctl', () => {
  it('reads the assembled status, running `status` and nothing else', async () => {
    const argsFile = join(dir, 'args.jsonl');
    process.env.FAKE_APSCTL_ARGS_FILE = argsFile;
    try {
      const read = await readApsctl({ binary: FAKE, platform: 'linux' });
      expect(read.source.status).toBe('ok');
      expect(read.source.detail).toBeNull();
      expect(read.reading!.clients).toHaveLength(4);
      const calls = readFileSync(argsFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { argv: string[] });
      expect(calls.map((c) => c.argv)).toEqual([['status']]);
    } finally {
      delete process.env.FAKE_APSCTL_ARGS_FILE;
    }
  });

  it.each([
    ['fail', 'failed', /exited with 1: apsctl: could not connect to apsd/],
    ['denied', 'failed', /needs admin rights this app does not have/],
    ['empty', 'failed', /^apsctl status printed nothing$/],
    ['junk', 'failed', /nothing recognisable \(3 lines, no known label\)/],
  ])('mode %s -> %s, said in one line', async (mode, status, detail) => {
    const read = await withMode(mode);
    expect(read.source.status).toBe(status);
    expect(read.source.detail).toMatch(detail);
    expect(read.source.detail).not.toContain('\n');
    expect(read.reading).toBeNull();
  });

  it('stops a hung apsctl at the timeout', async () => {
    const read = await withMode('hang', 400);
    expect(read.source).toMatchObject({
      status: 'failed',
      detail: 'apsctl status gave no answer within 0.4 s and was stopped',
    });
  });

  it('says unavailable when the program is missing, or off macOS without a stand-in', async () => {
    const missing = await readApsctl({ binary: join(dir, 'no-such-apsctl'), platform: 'darwin' });
    expect(missing.source).toMatchObject({ status: 'unavailable' });
    expect(missing.source.detail).toMatch(/^apsctl not found at /);
    const linux = await readApsctl({ platform: 'linux' });
    expect(linux.source).toMatchObject({
      status: 'unavailable',
      detail: 'apsctl exists only on macOS (this is linux)',
    });
  });

  it('reports unknown labels as lines not read, with their names', async () => {
    const file = join(dir, 'unknown.txt');
    writeFileSync(
      file,
      'connection environment: production\n  server hostname: 1-courier.push.apple.com\n  relay mode: on\n',
    );
    process.env.FAKE_APSCTL_FIXTURE = file;
    try {
      const read = await readApsctl({ binary: FAKE, platform: 'linux' });
      expect(read.source).toMatchObject({
        status: 'ok',
        detail: '1 of 3 lines not read (unknown labels: relay mode)',
      });
    } finally {
      delete process.env.FAKE_APSCTL_FIXTURE;
    }
  });
});
