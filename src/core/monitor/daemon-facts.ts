/**
 * What the engine knows of the watched daemon between its checks. Listing processes costs more
 * than an idle interval's whole budget (bench/RESULTS.md, 4), so it runs every few minutes, or
 * at once when a pid the last check did not name shows up on the daemon's sockets (a restart).
 */
import { createDaemonWatcher, type DaemonCheck, type DaemonWatcher } from '../daemon/daemon-info';
import type { AttributedRow } from '../sockets/attribution';

export const DAEMON_CHECK_MS = 5 * 60_000;

export class DaemonFacts {
  private readonly watcher: DaemonWatcher;
  private last: DaemonCheck | null = null;
  private checkedAt = -Infinity;
  private readonly pidsSeen = new Set<number>();

  constructor(
    readonly name: string,
    platform: NodeJS.Platform,
  ) {
    this.watcher = createDaemonWatcher(name, { platform });
  }

  /** The last check, refreshed first when it is due. */
  async current(now: Date): Promise<DaemonCheck | null> {
    if (now.getTime() - this.checkedAt >= DAEMON_CHECK_MS) {
      this.checkedAt = now.getTime();
      this.last = await this.watcher.check(now);
    }
    return this.last;
  }

  /** False only when the last check found the daemon absent: its sockets cannot have an owner. */
  mayBeRunning(): boolean {
    return !(this.last?.status === 'ok' && !this.last.daemon.running);
  }

  /** A pid on the daemon's own sockets that the last check did not name: check again now. */
  noticePids(rows: readonly Pick<AttributedRow, 'pid' | 'attributedBy'>[]): void {
    for (const row of rows) {
      if (row.pid === null || !row.attributedBy.startsWith('process ')) continue;
      if (row.pid === this.last?.daemon.pid || this.pidsSeen.has(row.pid)) continue;
      this.pidsSeen.add(row.pid);
      this.checkedAt = -Infinity;
    }
  }
}
