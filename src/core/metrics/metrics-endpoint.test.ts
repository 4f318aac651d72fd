import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot-fixture';
import { createApsdMetrics } from './apsd-metrics';
import { startMetricsEndpoint } from './metrics-endpoint';
import { readMetricsToken } from './token-file';

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'apsd-metrics-endpoint-'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

function get(
  port: number,
  host: string,
  headers: Record<string, string>,
  method = 'GET',
  path = '/metrics',
) {
  return new Promise<{ status: number; body: string; type: string | undefined }>(
    (resolve, reject) => {
      request({ host, port, path, method, headers }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body, type: res.headers['content-type'] }),
        );
      })
        .on('error', reject)
        .end();
    },
  );
}

describe('the metrics endpoint', () => {
  it('serves the registry on loopback and refuses other paths, methods and hosts', async () => {
    const metrics = createApsdMetrics({ version: 't', processMetrics: false });
    metrics.observe(makeSnapshot());
    const endpoint = await startMetricsEndpoint(metrics, { kind: 'loopback', port: 0 });
    try {
      expect(endpoint.url).toBe(`http://127.0.0.1:${endpoint.port}/metrics`);
      const host = { Host: `127.0.0.1:${endpoint.port}` };
      const ok = await get(endpoint.port, '127.0.0.1', host);
      expect(ok.status).toBe(200);
      expect(ok.type).toBe(metrics.registry.contentType);
      expect(ok.body).toMatch(/^apsd_connections\{state="FIN_WAIT_1"\} 2$/m);
      expect((await get(endpoint.port, '127.0.0.1', host, 'HEAD')).body).toBe('');
      expect((await get(endpoint.port, '127.0.0.1', host, 'POST')).status).toBe(405);
      expect((await get(endpoint.port, '127.0.0.1', host, 'GET', '/')).status).toBe(404);
      expect(
        (await get(endpoint.port, '127.0.0.1', { Host: `localhost:${endpoint.port}` })).status,
      ).toBe(200);
      expect((await get(endpoint.port, '127.0.0.1', { Host: 'attacker.example' })).status).toBe(
        421,
      );
      const page = await get(endpoint.port, '127.0.0.1', {
        ...host,
        Origin: 'http://attacker.example',
      });
      expect(page.status).toBe(403);
      expect(page.body).toBe(
        'apsd-watch: metrics are for scrapers; requests from web pages are refused.\n',
      );
    } finally {
      await endpoint.close();
    }
  });

  it('on an address an admin names, wants the bearer token in the header and nowhere else', async () => {
    const metrics = createApsdMetrics({ version: 't', processMetrics: false });
    const token = 'c0ffee'.repeat(6);
    const endpoint = await startMetricsEndpoint(metrics, {
      kind: 'remote',
      host: '127.0.0.1',
      port: 0,
      token,
    });
    try {
      const at = (headers: Record<string, string>, path = '/metrics') =>
        get(
          endpoint.port,
          '127.0.0.1',
          { Host: 'mac-0001.example.org:9523', ...headers },
          'GET',
          path,
        );
      expect((await at({ Authorization: `Bearer ${token}` })).status).toBe(200);
      const missing = await at({});
      expect(missing.status).toBe(401);
      expect(missing.body).not.toContain(token);
      expect((await at({ Authorization: `Bearer ${token}x` })).status).toBe(401);
      expect((await at({ Authorization: `bearer ${token}` })).status).toBe(200);
      expect((await at({}, `/metrics?token=${token}`)).status).toBe(400);
      expect((await at({ Authorization: `Bearer ${token}` }, `/metrics?x=1`)).status).toBe(400);
    } finally {
      await endpoint.close();
    }
  });

  it('says in one line when it cannot listen', async () => {
    const metrics = createApsdMetrics({ version: 't', processMetrics: false });
    const first = await startMetricsEndpoint(metrics, { kind: 'loopback', port: 0 });
    try {
      await expect(
        startMetricsEndpoint(metrics, { kind: 'loopback', port: first.port }),
      ).rejects.toThrow(`metrics: 127.0.0.1:${first.port} is already in use`);
      await expect(
        startMetricsEndpoint(metrics, {
          kind: 'remote',
          host: '192.0.2.1',
          port: 0,
          token: 'x'.repeat(20),
        }),
      ).rejects.toThrow('metrics: 192.0.2.1 is not an address of this machine');
    } finally {
      await first.close();
    }
  });
});

describe('the metrics token file', () => {
  it('reads one line and never repeats the token in an error', async () => {
    const good = join(base, 'good');
    await writeFile(good, 'f'.repeat(40) + '\n', { mode: 0o600 });
    expect(await readMetricsToken(good)).toBe('f'.repeat(40));

    const open = join(base, 'world-readable');
    await writeFile(open, 'g'.repeat(40));
    await chmod(open, 0o644);
    await expect(readMetricsToken(open, 'linux')).rejects.toThrow(
      `--metrics-token-file ${open}: anyone on this machine can read or change it; run chmod o-rwx on it`,
    );
    const short = join(base, 'short');
    await writeFile(short, 'secret', { mode: 0o600 });
    const error = (await readMetricsToken(short).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/expected one line of 16-512 visible ASCII characters/);
    expect(error.message).not.toContain('secret');
    await expect(readMetricsToken(join(base, 'nope'))).rejects.toThrow(
      `--metrics-token-file ${join(base, 'nope')}: ENOENT: no such file or directory`,
    );
  });
});
