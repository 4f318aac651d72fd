/**
 * Linux: which process holds each socket inode, found by scanning /proc/<pid>/fd links
 * (`socket:[12345]`), for the /proc fallback. Costly (a readlink per open descriptor of every
 * process), so it runs only when the watch rules name processes. Orphaned sockets (FIN_WAIT_1
 * after close()) have inode 0 and no owner, like macOS's closed sockets that keep only a last
 * pid. Synchronous on purpose: /proc is memory, and thousands of tiny async calls cost several
 * times more CPU.
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

export interface SocketOwner {
  pid: number;
  /** /proc/<pid>/comm (at most 15 characters); null when unreadable. */
  process: string | null;
}

/** Calls `read`, or returns `fallback` when the process vanished or denies access. */
function attempt<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** Owners of the given socket inodes; throws only when `procRoot` itself cannot be listed. */
export function readSocketOwners(
  procRoot: string,
  inodes: ReadonlySet<number>,
): Map<number, SocketOwner> {
  const owners = new Map<number, SocketOwner>();
  if (inodes.size === 0) return owners;
  for (const pidText of readdirSync(procRoot)) {
    if (!/^\d+$/.test(pidText)) continue;
    const fdDir = join(procRoot, pidText, 'fd');
    let owner: SocketOwner | null = null;
    for (const fd of attempt(() => readdirSync(fdDir), [] as string[])) {
      const target = attempt(() => readlinkSync(join(fdDir, fd)), '');
      if (!target.startsWith('socket:[')) continue;
      const inode = Number(target.slice(8, -1));
      if (!inodes.has(inode) || owners.has(inode)) continue;
      owner ??= {
        pid: Number(pidText),
        process:
          attempt(() => readFileSync(join(procRoot, pidText, 'comm'), 'utf8'), '').trim() || null,
      };
      owners.set(inode, owner);
    }
  }
  return owners;
}
