/**
 * TEST FIXTURE, used only by the server tests: a real dashboard server on loopback, serving a
 * tiny renderer folder next to a secret file it must never serve, driven by the engine double.
 */
import { request } from 'node:http';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDashboardServer, type DashboardServer } from '../../src/server/dashboard-server';
import { EngineDouble } from './engine-double';

export const SECRET = 'secret-outside-the-renderer-folder';
export const PAGE = '<!doctype html><title>dashboard under test</title>';
export const SCRIPT = 'console.log("asset under test");';

export interface TestDashboard {
  server: DashboardServer;
  engine: EngineDouble;
  token: string;
  /** `Cookie` header value the server sets after a good token. */
  cookie: string;
  origin: string;
  rendererDir: string;
  close(): Promise<void>;
}

export async function startTestDashboard(): Promise<TestDashboard> {
  const base = await mkdtemp(join(tmpdir(), 'apsd-dashboard-'));
  const rendererDir = join(base, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), PAGE);
  await writeFile(join(rendererDir, 'assets', 'app.js'), SCRIPT);
  await writeFile(join(rendererDir, '.env'), SECRET);
  await writeFile(join(base, 'secret.txt'), SECRET);
  await symlink(join(base, 'secret.txt'), join(rendererDir, 'escape.txt'));
  const engine = new EngineDouble();
  const server = await startDashboardServer({ engine, port: 0, rendererDir });
  const token = new URL(server.url).searchParams.get('token')!;
  return {
    server,
    engine,
    token,
    cookie: `apsd_watch_${server.port}=${token}`,
    origin: `http://127.0.0.1:${server.port}`,
    rendererDir,
    async close() {
      await server.close();
      await rm(base, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request with the path and headers exactly as given (fetch would normalise both). */
export function rawRequest(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  host = '127.0.0.1',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host, port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}
