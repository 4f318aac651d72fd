import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  canLockDirectories,
  lockDirectory,
  lockSkipReason,
  unlockDirectory,
} from '../../../test/support/lock-directory';
import { quarantineName, readJsonOrQuarantine, writeFileAtomic } from './atomic-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apsd-watch-atomic-'));
});
afterEach(async () => {
  await unlockDirectory(dir).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const AT = new Date('2025-08-09T10:11:55.521Z');
const parseNumbers = (value: unknown): number[] => {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number'))
    throw new Error('expected an array of numbers');
  return value;
};

describe('writeFileAtomic', () => {
  it('replaces the file in one step and leaves no temp file behind', async () => {
    const path = join(dir, 'data.json');
    await writeFile(path, '"old"');
    await writeFileAtomic(path, '"new"');
    expect(await readFile(path, 'utf8')).toBe('"new"');
    expect(await readdir(dir)).toEqual(['data.json']);
  });

  it('fails in one line, keeps the old file and cleans up, when the target cannot be replaced', async () => {
    const path = join(dir, 'data.json');
    await mkdir(path); // a directory where the file should be: rename must fail
    const error = (await writeFileAtomic(path, '"new"').catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^could not write data\.json: /);
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain('.tmp');
    expect(await readdir(dir)).toEqual(['data.json']);
  });
});

describe('readJsonOrQuarantine', () => {
  const read = (name: string, maxBytes = 1000) =>
    readJsonOrQuarantine(join(dir, name), { parse: parseNumbers, maxBytes, now: () => AT });

  it('returns null without a warning when the file does not exist', async () => {
    expect(await read('missing.json')).toEqual({ value: null, warning: null, writable: true });
  });

  it('returns the parsed value of a good file, tolerating a byte-order mark', async () => {
    await writeFile(join(dir, 'good.json'), '\uFEFF[1,2,3]');
    expect(await read('good.json')).toEqual({ value: [1, 2, 3], warning: null, writable: true });
  });

  it.each([
    ['binary junk', Buffer.from([0x00, 0xff, 0xfe, 0x89, 0x50, 0x4e, 0x47])],
    ['truncated JSON', Buffer.from('[1,2,')],
    ['a schema mismatch', Buffer.from('{"a":1}')],
  ])('moves %s aside with a one-line warning, keeping its bytes', async (_label, bytes) => {
    await writeFile(join(dir, 'bad.json'), bytes);
    const result = await read('bad.json');
    const kept = 'bad.json.corrupt-2025-08-09T10-11-55-521Z';
    expect(result.value).toBeNull();
    expect(result.writable).toBe(true);
    expect(result.warning).toMatch(/^bad\.json was unreadable \(.+\); kept it as /);
    expect(result.warning).toContain(kept);
    expect(result.warning).not.toContain('\n');
    expect(await readdir(dir)).toEqual([kept]);
    expect(Buffer.compare(await readFile(join(dir, kept)), bytes)).toBe(0);
  });

  it('treats an oversized file as corrupt without reading it', async () => {
    await writeFile(join(dir, 'big.json'), `[${'1,'.repeat(2000)}1]`);
    const result = await read('big.json', 1000);
    expect(result.warning).toMatch(/over the 1000-byte limit/);
    expect(await readdir(dir)).toEqual(['big.json.corrupt-2025-08-09T10-11-55-521Z']);
  });

  it('never overwrites an earlier quarantined copy', async () => {
    await writeFile(join(dir, 'bad.json'), 'first');
    await read('bad.json');
    await writeFile(join(dir, 'bad.json'), 'second');
    await read('bad.json');
    const first = quarantineName(join(dir, 'bad.json'), AT);
    expect(await readFile(first, 'utf8')).toBe('first');
    expect(await readFile(`${first}-1`, 'utf8')).toBe('second');
  });

  it.runIf(canLockDirectories)(
    'refuses to write when a bad file cannot be moved aside',
    async () => {
      await writeFile(join(dir, 'bad.json'), 'junk');
      await lockDirectory(dir);
      const result = await read('bad.json');
      await unlockDirectory(dir);
      expect(result).toMatchObject({ value: null, writable: false });
      expect(result.warning).toMatch(/could not be moved aside .*changes will not be saved$/);
      expect(await readFile(join(dir, 'bad.json'), 'utf8')).toBe('junk');
    },
  );
  if (!canLockDirectories) console.info(lockSkipReason);
});
