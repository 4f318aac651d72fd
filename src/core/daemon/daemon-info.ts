/**
 * Is the daemon running, since when, at what cost, and was it restarted? Read with systeminformation
 * at a slow cadence (the engine's choice, e.g. every 60 s): see the cost note on createDaemonWatcher.
 */
import { osInfo, processes } from 'systeminformation';
import type { DaemonInfo, HostInfo, PartStatus } from '../../shared/snapshot';
import { parseStarted, pickDaemon, usageOf } from './process-match';
import { errorLine } from '../../shared/error-line';

export interface DaemonCheck {
  daemon: DaemonInfo;
  host: HostInfo;
  status: PartStatus;
  /** One line when status is 'failed'; null otherwise. */
  detail: string | null;
  from: string;
}

export interface DaemonWatcher {
  /** Never throws: a failure is status 'failed' with a one-line detail. */
  check(now: Date): Promise<DaemonCheck>;
}

export interface DaemonWatcherOptions {
  platform: NodeJS.Platform;
  /** Give up on the process list after this long (default 15 s); ps can hang on a stuck system. */
  timeoutMs?: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * systeminformation answers processes() within 500 ms of its previous call from a module-wide
 * cache, so calls from every watcher in this process are spaced this far apart, or a just-killed
 * daemon (or a just-broken ps) would still look as before.
 */
const LIBRARY_CACHE_MS = 550;
let lastListedAt = 0;

async function listProcesses(timeoutMs: number) {
  const wait = lastListedAt + LIBRARY_CACHE_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  try {
    return (await withTimeout(processes(), timeoutMs, 'processes()')).list;
  } finally {
    lastListedAt = Date.now();
  }
}

/**
 * Cost, measured on the Linux build machine (85 processes): about 8 ms of CPU in this process plus
 * about 70 ms in the children systeminformation starts (ps, and one `cat /proc/<pid>/stat` per
 * process, on Linux only); every 60 s that is about 0.13 % of one core. On macOS it runs one `ps`
 * (not measured here: no Mac). osInfo() runs once (about 15 ms of CPU) and is cached.
 */
export function createDaemonWatcher(name: string, options: DaemonWatcherOptions): DaemonWatcher {
  const { platform } = options;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const from = `systeminformation processes() (${platform === 'win32' ? 'PowerShell' : 'ps'})`;
  let host: HostInfo | null = null;
  let lastPid: number | null = null;
  let restartedAt: string | null = null;
  let inFlight: Promise<DaemonCheck> | null = null;

  async function hostInfo(): Promise<HostInfo> {
    if (host) return host;
    try {
      const os = await withTimeout(osInfo(), timeoutMs, 'osInfo()');
      host = { platform, osName: os.distro || null, osVersion: os.release || null };
      return host;
    } catch {
      return { platform, osName: null, osVersion: null }; // tried again next check
    }
  }

  function notRunning(): DaemonInfo {
    const none = { pid: null, cpuPercent: null, memoryBytes: null, startedAt: null };
    return { name, running: false, ...none, restartedAt };
  }

  async function run(now: Date): Promise<DaemonCheck> {
    const hostNow = await hostInfo();
    let list;
    try {
      list = await listProcesses(timeoutMs);
    } catch (error) {
      const detail = errorLine(error);
      return { daemon: notRunning(), host: hostNow, status: 'failed', detail, from };
    }
    // The list always holds at least this process; empty means ps failed (the library hides why).
    if (list.length === 0) {
      const detail = 'the process list came back empty (ps missing or failed)';
      return { daemon: notRunning(), host: hostNow, status: 'failed', detail, from };
    }
    const row = pickDaemon(list, name, platform, lastPid);
    if (!row) return { daemon: notRunning(), host: hostNow, status: 'ok', detail: null, from };
    const started = parseStarted(row.started);
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
    return { daemon, host: hostNow, status: 'ok', detail: null, from };
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
