/**
 * Hostile clients for e2e/dashboard-attacks.spec.ts: raw HTTP with the path and headers exactly
 * as given, WebSocket upgrades that report how they were refused, and the serve process's memory
 * read from the kernel while an attack runs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import WebSocket from 'ws';

export interface RawReply {
  status: number;
  body: string;
}

/** One HTTP request on its own connection; a connection the server drops answers status 0. */
export function rawHttp(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<RawReply> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', () => resolve({ status: 0, body: '' }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end();
  });
}

/** How an upgrade ended: open (with the socket), refused with an HTTP status, or dropped (0). */
export type Upgrade = { status: 101; socket: WebSocket } | { status: number; socket: null };

export function upgrade(
  port: number,
  options: { query?: string; headers?: Record<string, string>; origin?: string } = {},
): Promise<Upgrade> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws${options.query ?? ''}`, {
    headers: options.headers,
    origin: options.origin,
    perMessageDeflate: false,
  });
  return new Promise((resolve) => {
    socket.once('open', () => resolve({ status: 101, socket }));
    socket.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, socket: null });
      socket.terminate();
    });
    socket.once('error', () => resolve({ status: 0, socket: null }));
  });
}

/** Collects a socket's frames and its close, so a test can wait for either. */
export class FrameLog {
  readonly frames: { id?: number; ok?: boolean; error?: string; type?: string }[] = [];
  closeCode: number | null = null;
  private waiters: (() => void)[] = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as FrameLog['frames'][number]);
      this.wake();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
  }

  responses(): FrameLog['frames'] {
    return this.frames.filter((frame) => frame.type === 'response');
  }

  /** Resolves once `done` holds, or rejects after `ms`. */
  async until(done: () => boolean, ms = 20_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!done()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the server');
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 200);
      });
    }
  }

  private wake(): void {
    this.waiters.splice(0).forEach((wake) => wake());
  }
}

/** Resident memory of a process in MiB: now, and its peak (Linux's VmHWM; elsewhere sampled). */
export class RssWatch {
  private sampledPeak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 50);
  }

  sample(): number {
    const now = rssMiB(this.pid).now;
    this.sampledPeak = Math.max(this.sampledPeak, now);
    return now;
  }

  peak(): number {
    return Math.max(this.sampledPeak, rssMiB(this.pid).peak ?? 0);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

function rssMiB(pid: number): { now: number; peak: number | null } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { now: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
  } catch {
    const kib = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }));
    return { now: kib / 1024, peak: null };
  }
}
