/**
 * Test helper: a real, tiny tmpfs to fill up, for full-disk tests. Mounting needs root; without
 * it (or when mount refuses) the caller gets the reason to print and skips.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallTmpfs {
  /** Where it is mounted; '' when skipped. */
  path: string;
  /** Why it could not be mounted (print it and skip); null when mounted. */
  skip: string | null;
  unmount(): void;
}

export function mountSmallTmpfs(sizeKiB: number): SmallTmpfs {
  if (process.getuid?.() !== 0)
    return { path: '', skip: 'skipped: mounting a small tmpfs needs root', unmount() {} };
  const path = mkdtempSync(join(tmpdir(), `apsd-watch-tmpfs-${process.pid}-`));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', path], {
      stdio: 'pipe',
    });
  } catch (error) {
    rmSync(path, { recursive: true, force: true });
    const reason = String((error as Error).message).split('\n')[0];
    return { path: '', skip: `skipped: mount -t tmpfs refused (${reason})`, unmount() {} };
  }
  return {
    path,
    skip: null,
    unmount() {
      execFileSync('umount', ['-l', path]);
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/** Grows `filler` 1 KiB at a time until the file system refuses (ENOSPC): it is full then. */
export function fillUp(filler: string): void {
  let size = 0;
  try {
    for (;;) {
      writeFileSync(filler, Buffer.alloc(size + 1024));
      size += 1024;
    }
  } catch {
    // ENOSPC: the file system is full now
  }
}
