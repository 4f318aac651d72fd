/**
 * Atomic writes on a real tmpfs with less room than the new file needs: write(2) then takes part
 * of the data without an error (a short write). The old file must stay whole, no temp file may be
 * left, and the failure is one line. Covers both writers (history; settings and metrics textfile).
 */
import { readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fillUp, mountSmallTmpfs, type SmallTmpfs } from '../../../test/support/small-tmpfs';
import { writeFileAtomic, writeFileAtomicSync } from './atomic-file';

let disk: SmallTmpfs;
beforeAll(() => {
  disk = mountSmallTmpfs(64);
  if (disk.skip) console.info(disk.skip);
});
afterAll(() => disk.unmount());
afterEach(() => {
  if (!disk.skip) for (const entry of readdirSync(disk.path)) rmSync(join(disk.path, entry));
});

const OLD = `${'{"old":true}'.padEnd(20_000, ' ')}\n`;
const NEW = `${'{"new":true}'.padEnd(30_000, ' ')}\n`;

/** The old file, and the disk filled but for `roomBytes` (less than NEW needs). */
function prepare(roomBytes: number): string {
  const target = join(disk.path, 'data.json');
  writeFileSync(target, OLD);
  const filler = join(disk.path, 'filler');
  fillUp(filler);
  truncateSync(filler, Math.max(0, readFileSync(filler).length - roomBytes));
  return target;
}

describe('atomic writes on a nearly full disk', () => {
  for (const [name, write] of [
    [
      'writeFileAtomicSync (history)',
      (path: string, data: string) => writeFileAtomicSync(path, data),
    ],
    [
      'writeFileAtomic (settings, metrics textfile)',
      (path: string, data: string) => writeFileAtomic(path, data),
    ],
  ] as const) {
    it(`${name}: a short write never replaces the old file`, async () => {
      if (disk.skip) return;
      for (const room of [0, 8 * 1024, 20 * 1024]) {
        const target = prepare(room);
        let message = '';
        try {
          await write(target, NEW);
        } catch (error) {
          message = (error as Error).message;
        }
        expect(message).toBe('could not write data.json: ENOSPC: no space left on device, write');
        expect(readFileSync(target, 'utf8')).toBe(OLD);
        expect(readdirSync(disk.path).sort()).toEqual(['data.json', 'filler']);
        rmSync(join(disk.path, 'filler'));
      }
      // With room, the same write lands whole.
      await write(join(disk.path, 'data.json'), NEW);
      expect(readFileSync(join(disk.path, 'data.json'), 'utf8')).toBe(NEW);
    });
  }
});
