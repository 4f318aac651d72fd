/**
 * Is the daemon running, since when, at what cost, and was it restarted? One `ps` per check
 * (process-list.ts), at a slow cadence chosen by the engine (monitor/daemon-facts.ts).
 */
import type { DaemonInfo, HostInfo, PartStatus } from '../../shared/snapshot';
import { errorLine } from '../../shared/error-line';
import { readHostInfo } from './host-info';
import { listProcesses } from './process-list';
import { pickDaemon, usageOf } from './process-match';
export interface DaemonCheck {
  daemon: DaemonInfo;
  host: HostInfo;
  status: PartStatus;
  /** One line when status is 'failed', or a note of ps lines not read; null otherwise. */
  detail: string | null;
  from: string;
}

export interface DaemonWatcher {
  /** Never throws: a failure is status 'failed' with a one-line detail. */
  check(now: Date): Promise<DaemonCheck>;
}

export interface DaemonWatcherOptions {
  platform: NodeJS.Platform;
  /** Give up on ps after this long (default 15 s); it can hang on a stuck system. */
  timeoutMs?: number;
}

/** One `ps` per check, on macOS and Linux alike; the host's OS is read once and kept. */
export function createDaemonWatcher(name: string, options: DaemonWatcherOptions): DaemonWatcher {
  const { platform } = options;
  const timeoutMs = options.timeoutMs ?? 15_000;
  let from = 'ps';
  let host: HostInfo | null = null;
  let lastPid: number | null = null;
  let restartedAt: string | null = null;
  let inFlight: Promise<DaemonCheck> | null = null;

  async function hostInfo(): Promise<HostInfo> {
    if (host) return host;
    const read = await readHostInfo(platform, timeoutMs);
    if (read.osName !== null) host = read; // otherwise tried again at the next check
    return read;
  }

  function notRunning(): DaemonInfo {
    const none = { pid: null, cpuPercent: null, memoryBytes: null, startedAt: null };
    return { name, running: false, ...none, restartedAt };
  }

  async function run(now: Date): Promise<DaemonCheck> {
    const hostNow = await hostInfo();
    let list;
    try {
      list = await listProcesses(platform, timeoutMs);
      from = list.command;
    } catch (error) {
      const detail = errorLine(error);
      return { daemon: notRunning(), host: hostNow, status: 'failed', detail, from };
    }
    // The list always holds this very process: none read means ps printed something else.
    if (list.rows.length === 0) {
      const detail = `ps printed no line that reads as a process (${list.unread} lines not read)`;
      return { daemon: notRunning(), host: hostNow, status: 'failed', detail, from };
    }
    const note = list.unread > 0 ? `${list.unread} lines of ps output not read` : null;
    const row = pickDaemon(list.rows, name, lastPid);
    if (!row) return { daemon: notRunning(), host: hostNow, status: 'ok', detail: note, from };
    const started = row.started;
    if (lastPid !== null && row.pid !== lastPid) restartedAt = (started ?? now).toISOString();
    lastPid = row.pid;
    const daemon: DaemonInfo = {
      name,
      running: true,
      pid: row.pid,
      ...usageOf(row),
      startedAt: started ? started.toISOString() : null,
      restartedAt,
    };
    return { daemon, host: hostNow, status: 'ok', detail: note, from };
  }

  return {
    check(now) {
      // Overlapping calls share one run: two process lists at once would double the cost.
      inFlight ??= run(now).finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
  };
}
