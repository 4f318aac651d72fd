/** Test helper: makes a directory refuse new entries and renames, for failure-path tests. */
import { existsSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { runCommand } from '../../src/core/exec/run-command';

const isRoot = process.getuid?.() === 0;
const CHATTR = '/usr/bin/chattr';

/** Root ignores permission bits, so as root the directory is made immutable (ext4 via chattr). */
export const canLockDirectories = !isRoot || existsSync(CHATTR);
export const lockSkipReason = 'skipped: needs chattr as root, or a non-root user';

export async function lockDirectory(path: string): Promise<void> {
  if (isRoot) await runCommand(CHATTR, ['+i', path], { timeoutMs: 5000 });
  else await chmod(path, 0o500);
}

export async function unlockDirectory(path: string): Promise<void> {
  if (isRoot) await runCommand(CHATTR, ['-i', path], { timeoutMs: 5000 });
  else await chmod(path, 0o700);
}
