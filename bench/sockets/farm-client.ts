/**
 * Starts the socket farm (socket-farm.ts) as a child, waits for its sockets, and checks the
 * pile-up really is on the machine by reading the kernel's own table, not the farm's word.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseProcNetTcp } from '../../src/core/sockets/proc-net-tcp-parse';
import { onCleanup, trackChild } from '../lib/cleanup';
import { distEntry } from '../lib/paths';
import type { FarmMessage, FarmReady } from './socket-farm';

export interface Farm {
  ready: FarmReady;
  /** Closes the FIN_WAIT_1 set and makes a fresh one (Linux drops zero-window orphans in time). */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

export interface MachineSockets {
  /** Every TCP socket in /proc/net/tcp and tcp6. */
  total: number;
  /** FIN_WAIT_1 with Send-Q > 0 towards the push port. */
  stuck: number;
}

export function countSockets(pushPort: number): MachineSockets {
  const rows = [
    ...parseProcNetTcp(readFileSync('/proc/net/tcp', 'utf8'), 'tcp4').rows,
    ...parseProcNetTcp(readFileSync('/proc/net/tcp6', 'utf8'), 'tcp6').rows,
  ];
  const stuck = rows.filter(
    (row) => row.state === 'FIN_WAIT_1' && row.sendQueue > 0 && row.peerPort === pushPort,
  ).length;
  return { total: rows.length, stuck };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startFarm(total: number, finWait1: number): Promise<Farm> {
  const child = trackChild(
    spawn(process.execPath, [distEntry('socket-farm'), String(total), String(finWait1)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  const waiting: ((message: FarmMessage) => void)[] = [];
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    let message: FarmMessage;
    try {
      message = JSON.parse(line) as FarmMessage;
    } catch {
      return;
    }
    waiting.shift()?.(message);
  });
  const next = (what: string, timeoutMs: number) =>
    new Promise<FarmMessage>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`socket farm: no ${what} within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      waiting.push((message) => {
        clearTimeout(timer);
        if (message.type === 'error') reject(new Error(`socket farm: ${message.message}`));
        else resolve(message);
      });
      void exited(child).then(() => {
        clearTimeout(timer);
        reject(
          new Error(`socket farm exited (${child.exitCode ?? child.signalCode}) before ${what}`),
        );
      });
    });

  const stop = onCleanup(async () => {
    child.stdin!.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited(child);
    clearTimeout(timer);
  });
  try {
    const ready = await next('ready', 180_000);
    if (ready.type !== 'ready') throw new Error(`socket farm: unexpected ${ready.type}`);
    return {
      ready,
      stop,
      async refresh() {
        const done = next('refreshed', 60_000);
        child.stdin!.write('refresh\n');
        await done;
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
