/**
 * One real `apsd-watch serve` for a spec file: a fresh data dir, rules that watch a loopback
 * server of real kernel sockets (a calm 3 FIN_WAIT_1 + 2 ESTABLISHED to start), a syslog file
 * the test appends to, and a socket observer that records every push.
 */
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  closeAll,
  createEstablished,
  createFinWait1,
  openLoopbackServer,
  type LoopbackServer,
} from '../../test/support/loopback-sockets';
import { DashboardObserver } from './dashboard-observer';
import { startServe, type ServeProcess } from './serve-process';

export const CALM_FIN_WAIT_1 = 3;
export const CALM_ESTABLISHED = 2;

export interface LiveDashboard {
  serve: ServeProcess;
  observer: DashboardObserver;
  sockets: LoopbackServer;
  logFile: string;
  /** Adds real FIN_WAIT_1 sockets to the watched server. */
  addFinWait1(count: number): Promise<void>;
  /** Appends one apsd line with a syslog timestamp of now, as /var/log/system.log has it. */
  appendApsdLine(message: string): Promise<void>;
  close(): Promise<void>;
}

export async function startLiveDashboard(): Promise<LiveDashboard> {
  const dir = await mkdtemp(join(tmpdir(), 'apsd-e2e-'));
  const logFile = join(dir, 'system.log');
  await writeFile(logFile, '');
  const sockets = await openLoopbackServer();
  await createFinWait1(sockets, CALM_FIN_WAIT_1);
  await createEstablished(sockets, CALM_ESTABLISHED);
  const serve = await startServe([
    '--data-dir',
    join(dir, 'data'),
    '--port',
    String(sockets.port),
    '--peer',
    '127.0.0.0/8',
    // 2 s, not 1: an override below the settings' minimum (2) makes settings:get return a value
    // the settings form refuses to save; reported to the engine's owner.
    '--interval',
    '2',
    '--log-file',
    logFile,
  ]);
  const observer = await DashboardObserver.open(serve.port, serve.token);
  return {
    serve,
    observer,
    sockets,
    logFile,
    async addFinWait1(count) {
      await createFinWait1(sockets, count);
    },
    async appendApsdLine(message) {
      await appendFile(logFile, `${syslogTimestamp(new Date())} test-mac apsd[123]: ${message}\n`);
    },
    async close() {
      observer.close();
      const code = await serve.stop();
      await closeAll();
      await rm(dir, { recursive: true, force: true });
      if (code !== 0) throw new Error(`apsd-watch serve exited with ${code}: ${serve.stderr()}`);
    },
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * `May  7 21:54:23`: local time, day space-padded, no year or zone (docs/sources.md#unified-log).
 */
function syslogTimestamp(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = String(at.getDate()).padStart(2, ' ');
  return `${MONTHS[at.getMonth()]} ${day} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}
