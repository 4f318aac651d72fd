/**
 * A real Prometheus server and promtool for tests (Debian's `prometheus` package, which
 * scripts/preflight.mjs installs): started on loopback with a generated config and a throw-away
 * TSDB, queried through its HTTP API, and killed afterwards. A missing one fails the test in one
 * line naming the package (requireTool), never a skip.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { requireTool } from '../../scripts/system-tools.mjs';

export interface ToolRun {
  code: number;
  out: string;
}

/** Runs promtool with an argument array; stdout and stderr together, as a user sees them. */
export function promtool(args: string[], options: { cwd?: string; stdin?: string } = {}) {
  const binary = requireTool('promtool');
  return new Promise<ToolRun>((resolve) => {
    const child = execFile(
      binary,
      args,
      { cwd: options.cwd, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, out: `${stdout}${stderr}` });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}

/** A port nobody listens on right now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface PrometheusServer {
  readonly url: string;
  /** An instant query; throws with Prometheus's error text unless the status is success. */
  query(expr: string): Promise<InstantSample[]>;
  /** Any GET under /api/v1 (e.g. `rules`, `targets`), the parsed `data`. */
  api<T>(path: string): Promise<T>;
  /** Polls `check` until it returns true (or throws the last reason after `timeoutMs`). */
  waitFor(what: string, check: () => Promise<boolean>, timeoutMs?: number): Promise<void>;
  /** What Prometheus printed, for a failing test's message. */
  log(): string;
  close(): Promise<void>;
}

interface InstantSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** Starts Prometheus with `config` (YAML) in `dir`; resolves once it answers /-/ready. */
export async function startPrometheus(dir: string, config: string): Promise<PrometheusServer> {
  const binary = requireTool('prometheus');
  await mkdir(join(dir, 'tsdb'), { recursive: true });
  await writeFile(join(dir, 'prometheus.yml'), config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const daemon = spawnDaemon(binary, [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'tsdb')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ]);

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(`${url}/api/v1/${path}`);
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error ?? response.status}`);
    return body.data;
  }

  async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    let last: unknown = null;
    while (Date.now() < deadline) {
      try {
        if (await check()) return;
        last = null;
      } catch (error) {
        last = error;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(
      `timed out waiting for ${what}${last ? `: ${String(last)}` : ''}\n${daemon.log()}`,
    );
  }

  const server: PrometheusServer = {
    url,
    api,
    query: async (expr) =>
      (await api<{ result: InstantSample[] }>(`query?query=${encodeURIComponent(expr)}`)).result,
    waitFor,
    log: daemon.log,
    close: daemon.close,
  };
  try {
    await waitFor('Prometheus to be ready', async () => (await fetch(`${url}/-/ready`)).ok);
  } catch (error) {
    await server.close();
    throw error;
  }
  return server;
}

interface Daemon {
  log(): string;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. */
  close(): Promise<void>;
}

function spawnDaemon(binary: string, args: string[]): Daemon {
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    log: () => log,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

export interface NodeExporter {
  /** `127.0.0.1:<port>`, for a scrape config's targets. */
  readonly target: string;
  close(): Promise<void>;
}

/** node_exporter with only its textfile collector, reading `textfileDir`, on loopback. */
export async function startNodeExporter(textfileDir: string): Promise<NodeExporter> {
  const binary = requireTool('node_exporter');
  const port = await freePort();
  const daemon = spawnDaemon(binary, [
    `--web.listen-address=127.0.0.1:${port}`,
    '--collector.disable-defaults',
    '--collector.textfile',
    `--collector.textfile.directory=${textfileDir}`,
    '--log.level=warn',
  ]);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/metrics`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await daemon.close();
      throw new Error(`node_exporter did not start: ${daemon.log()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { target: `127.0.0.1:${port}`, close: daemon.close };
}
