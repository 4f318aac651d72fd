/**
 * The whole path as a fleet admin runs it: a real Prometheus, started here on loopback with a short
 * scrape interval and the shipped alert rules, scrapes real `apsd-watch serve --metrics` processes
 * (the built CLI) watching real loopback sockets, FIN_WAIT_1 included. Values are read back through
 * Prometheus's HTTP API and compared with the sockets this test made; then the sockets change.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/core/exec/run-command';
import {
  closeAll,
  createEstablished,
  createFinWait1,
  openLoopbackServer,
  type LoopbackServer,
  type SocketGroup,
} from '../support/loopback-sockets';
import {
  promtool,
  startNodeExporter,
  startPrometheus,
  type NodeExporter,
  type PrometheusServer,
} from '../support/prometheus';
import { builtCli } from '../support/built-cli';

const RULES = resolve('deploy/prometheus/apsd-watch.rules.yml');
const DASHBOARD = resolve('deploy/grafana/apsd-watch-fleet.json');
const onLinux = process.platform === 'linux';
if (!onLinux)
  console.info('skipped: the live Prometheus test samples Linux loopback sockets with ss');

interface ServeChild {
  child: ChildProcess;
  /** The printed `Metrics: <url>` address. */
  metricsUrl: string;
  output(): string;
}

/** `node bin/apsd-watch.mjs serve …` in a child process; resolves once it prints its metrics URL. */
async function startServe(args: string[], env: NodeJS.ProcessEnv): Promise<ServeChild> {
  const child = spawn(process.execPath, ['bin/apsd-watch.mjs', 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  child.stdout?.on('data', (chunk) => (out += chunk));
  child.stderr?.on('data', (chunk) => (out += chunk));
  const metricsUrl = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve printed no metrics URL: ${out}`)),
      30_000,
    );
    child.stdout?.on('data', () => {
      const url = /^Metrics: (\S+)/m.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolveUrl(url);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  return { child, metricsUrl, output: () => out };
}

async function stopServe(serve: ServeChild | undefined): Promise<void> {
  if (!serve || serve.child.exitCode !== null) return;
  const exited = new Promise((resolveExit) => serve.child.once('exit', resolveExit));
  serve.child.kill('SIGINT');
  const killer = setTimeout(() => serve.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killer);
}

/** One number from an instant query that must return exactly one series. */
async function single(prometheus: PrometheusServer, expr: string): Promise<number> {
  const result = await prometheus.query(expr);
  if (result.length !== 1) throw new Error(`${expr}: ${result.length} series`);
  return Number(result[0]!.value[1]);
}

/** Every PromQL expression in the dashboard, with Grafana's own variables as Grafana fills them. */
function dashboardQueries(dashboard: {
  panels: { title: string; targets?: { expr?: string }[] }[];
}) {
  return dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({
      panel: panel.title,
      expr: String(target.expr).replaceAll('$__rate_interval', '1m'),
    })),
  );
}

describe.runIf(onLinux)('a real Prometheus scraping apsd-watch serve --metrics', () => {
  let base: string;
  let sockets: LoopbackServer;
  let stuck: SocketGroup;
  let plain: ServeChild | undefined;
  let guarded: ServeChild | undefined;
  let prometheus: PrometheusServer | undefined;
  let nodeExporter: NodeExporter | undefined;
  const token = 'a'.repeat(8) + Math.random().toString(36).slice(2) + 'b'.repeat(8);

  beforeAll(async () => {
    await builtCli();
    base = await mkdtemp(join(tmpdir(), 'apsd-watch-prom-'));
    const rendererDir = join(base, 'renderer');
    await mkdir(rendererDir);
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>metrics test</title>');
    // One real trust-failure line (as apsd logs it, test/fixtures/logs/system-log.txt), dated now.
    const logFile = join(base, 'system.log');
    const logged = new Date(Date.now() - 60_000);
    await writeFile(
      logFile,
      `${logged.toISOString()} mac.local apsd[106]: Failed to evaluate trust: No error. (0), result=5\n`,
    );
    await writeFile(join(base, 'token'), `${token}\n`);
    await chmod(join(base, 'token'), 0o600);
    await writeFile(join(base, 'wrong-token'), 'not-the-token-at-all-0123456789\n');

    sockets = await openLoopbackServer();
    stuck = await createFinWait1(sockets, 7);
    await createEstablished(sockets, 3);

    const watch = ['--port', String(sockets.port), '--peer', '127.0.0.0/8', '--interval', '1'];
    const env = { APSD_WATCH_RENDERER_DIR: rendererDir };
    plain = await startServe(
      [
        ...watch,
        '--metrics',
        '--metrics-port',
        '0',
        '--data-dir',
        join(base, 'd1'),
        '--log-file',
        logFile,
      ],
      env,
    );
    guarded = await startServe(
      [
        ...watch,
        '--no-dashboard',
        '--metrics-listen',
        '127.0.0.2:0',
        '--metrics-token-file',
        join(base, 'token'),
        '--data-dir',
        join(base, 'd2'),
        '--log-file',
        logFile,
      ],
      env,
    );
    // A textfile written once now, while 7 FIN_WAIT_1 and 3 ESTABLISHED exist, for node_exporter.
    const textfiles = join(base, 'textfile');
    await mkdir(textfiles);
    const cli = await builtCli();
    await runCommand(
      process.execPath,
      [
        cli,
        'metrics',
        '--textfile',
        join(textfiles, 'apsd-watch.prom'),
        ...watch.slice(0, 4),
        '--data-dir',
        join(base, 'd3'),
      ],
      { timeoutMs: 60_000 },
    );
    nodeExporter = await startNodeExporter(textfiles);
    const plainTarget = new URL(plain.metricsUrl).host;
    const guardedTarget = new URL(guarded.metricsUrl).host;
    const job = (name: string, target: string, auth = '') =>
      `  - job_name: ${name}\n${auth}    static_configs:\n      - targets: ['${target}']\n`;
    const bearer = (file: string) =>
      `    authorization:\n      type: Bearer\n      credentials_file: ${file}\n`;
    prometheus = await startPrometheus(
      join(base, 'prometheus'),
      [
        'global:',
        '  scrape_interval: 1s',
        '  scrape_timeout: 1s',
        '  evaluation_interval: 1s',
        'rule_files:',
        `  - ${RULES}`,
        'scrape_configs:',
        job('apsd-watch', plainTarget),
        job('apsd-watch-token', guardedTarget, bearer(join(base, 'token'))),
        job('apsd-watch-wrong-token', guardedTarget, bearer(join(base, 'wrong-token'))),
        job('apsd-watch-no-token', guardedTarget),
        job('node', nodeExporter!.target),
      ].join('\n'),
    );
  }, 120_000);

  afterAll(async () => {
    await prometheus?.close();
    await nodeExporter?.close();
    await Promise.all([stopServe(plain), stopServe(guarded)]);
    await closeAll();
    if (base) await rm(base, { recursive: true, force: true });
  }, 60_000);

  it('reads the socket counts this test made, then sees them change after the next scrape', async () => {
    const p = prometheus!;
    const fw1 = 'apsd_connections{job="apsd-watch",state="FIN_WAIT_1"}';
    await p.waitFor('7 FIN_WAIT_1 in Prometheus', async () => (await single(p, fw1)) === 7);
    expect(await single(p, 'apsd_connections{job="apsd-watch",state="ESTABLISHED"}')).toBe(3);
    const held = await single(p, 'apsd_fin_wait_1_send_queue_bytes{job="apsd-watch"}');
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(7 * 192 * 1024);
    expect(
      await single(p, 'apsd_fin_wait_1_oldest_age_seconds{job="apsd-watch"}'),
    ).toBeGreaterThanOrEqual(0);
    expect(await single(p, 'apsd_up{job="apsd-watch"}')).toBe(0); // no apsd on Linux
    const openedBefore = await single(p, 'apsd_connections_opened_total{job="apsd-watch"}');

    await stuck.close();
    stuck = await createFinWait1(sockets, 4);
    await p.waitFor('4 FIN_WAIT_1 after the change', async () => (await single(p, fw1)) === 4);
    expect(await single(p, 'apsd_connections{job="apsd-watch",state="ESTABLISHED"}')).toBe(3);
    await p.waitFor(
      'the 4 new connections counted as churn',
      async () =>
        (await single(p, 'apsd_connections_opened_total{job="apsd-watch"}')) >= openedBefore + 4,
    );
  }, 90_000);

  it('counts the trust-failure line and fires ApsdTrustFailure on it', async () => {
    const p = prometheus!;
    expect(await single(p, 'apsd_log_lines_total{job="apsd-watch",kind="trust-failure"}')).toBe(1);
    expect(await single(p, 'apsd_log_lines_total{job="apsd-watch",kind="leaf-certificate"}')).toBe(
      0,
    );
    expect(
      await single(p, 'apsd_last_trust_failure_timestamp_seconds{job="apsd-watch"}'),
    ).toBeGreaterThan(Date.now() / 1000 - 3600);
    await p.waitFor('ApsdTrustFailure to fire', async () => {
      const alerts = await p.api<{ alerts: { labels: Record<string, string>; state: string }[] }>(
        'alerts',
      );
      return alerts.alerts.some(
        (a) =>
          a.labels.alertname === 'ApsdTrustFailure' &&
          a.labels.job === 'apsd-watch' &&
          a.state === 'firing',
      );
    });
  }, 60_000);

  it('evaluates every rule and every dashboard query without error', async () => {
    const p = prometheus!;
    type Rules = {
      groups: { rules: { name: string; query: string; health: string; lastError?: string }[] }[];
    };
    // As many rules as the shipped file holds: a hard count went stale when rules were added.
    const shipped = [...(await readFile(RULES, 'utf8')).matchAll(/^\s*- alert: /gm)].length;
    expect(shipped).toBeGreaterThanOrEqual(8);
    await p.waitFor('every rule evaluated', async () => {
      const rules = (await p.api<Rules>('rules')).groups.flatMap((g) => g.rules);
      return rules.length === shipped && rules.every((r) => r.health !== 'unknown');
    });
    const rules = (await p.api<Rules>('rules')).groups.flatMap((g) => g.rules);
    expect(rules.map((r) => [r.name, r.health, r.lastError ?? ''])).toEqual(
      rules.map((r) => [r.name, 'ok', '']),
    );
    for (const rule of rules) await expect(p.query(rule.query), rule.name).resolves.toBeDefined();

    const queries = dashboardQueries(JSON.parse(await readFile(DASHBOARD, 'utf8')));
    expect(queries.length).toBeGreaterThanOrEqual(10);
    for (const { panel, expr } of queries)
      await expect(p.query(expr), `${panel}: ${expr}`).resolves.toBeDefined();
    // The fleet panels see this one Mac as it is: one reporting, one with a trust failure.
    expect(await single(p, 'count(apsd_watch_build_info{job="apsd-watch"})')).toBe(1);
  }, 60_000);

  it('scrapes the token-guarded listen only with the right bearer token', async () => {
    const p = prometheus!;
    const up = (job: string) => single(p, `up{job="${job}"}`);
    await p.waitFor('every target scraped', async () => {
      const { activeTargets } = await p.api<{ activeTargets: { lastScrape: string }[] }>('targets');
      return (
        activeTargets.length === 5 && activeTargets.every((t) => !t.lastScrape.startsWith('0001'))
      );
    });
    expect(await up('apsd-watch')).toBe(1);
    expect(await up('apsd-watch-token')).toBe(1);
    expect(await up('apsd-watch-wrong-token')).toBe(0);
    expect(await up('apsd-watch-no-token')).toBe(0);
    expect(await single(p, 'apsd_connections{job="apsd-watch-token",state="ESTABLISHED"}')).toBe(3);

    const url = guarded!.metricsUrl;
    expect(new URL(url).hostname).toBe('127.0.0.2');
    const status = async (init: RequestInit = {}, target = url) =>
      (await fetch(target, init)).status;
    expect(await status()).toBe(401);
    expect(
      await status({ headers: { Authorization: 'Bearer not-the-token-at-all-0123456789' } }),
    ).toBe(401);
    expect(await status({ headers: { Authorization: `Basic ${token}` } })).toBe(401);
    expect(await status({}, `${url}?token=${token}`)).toBe(400);
    expect(
      await status({
        headers: { Authorization: `Bearer ${token}`, Origin: 'http://evil.example' },
      }),
    ).toBe(403);
    expect(await status({ headers: { Authorization: `Bearer ${token}` } })).toBe(200);
    // The token was never printed, and --no-dashboard printed no dashboard URL either.
    expect(guarded!.output()).not.toContain(token);
    expect(guarded!.output()).not.toMatch(/Dashboard:|token=/);
  }, 60_000);

  it('serves /metrics that promtool check metrics accepts, process metrics included', async () => {
    const text = await (await fetch(plain!.metricsUrl)).text();
    expect(text).toMatch(/^process_cpu_seconds_total /m);
    expect(text).toMatch(/^process_resident_memory_bytes /m);
    const checked = await promtool(['check', 'metrics'], { stdin: text });
    expect(checked.out).toBe('');
    expect(checked.code).toBe(0);
    // The loopback default answers to a loopback Host only (DNS rebinding).
    const { port } = new URL(plain!.metricsUrl);
    const rebound = await new Promise<number>((resolveStatus, reject) => {
      import('node:http').then(({ request }) =>
        request(
          { host: '127.0.0.1', port, path: '/metrics', headers: { Host: `evil.example:${port}` } },
          (res) => {
            res.resume();
            resolveStatus(res.statusCode ?? 0);
          },
        )
          .on('error', reject)
          .end(),
      );
    });
    expect(rebound).toBe(421);
  });

  it("reads the textfile through node_exporter's textfile collector, without a clash", async () => {
    const p = prometheus!;
    const node = (expr: string) => single(p, expr.replace('{', '{job="node",'));
    await p.waitFor('node_exporter scraped', async () => (await single(p, 'up{job="node"}')) === 1);
    expect(await node('apsd_connections{state="FIN_WAIT_1"}')).toBe(7);
    expect(await node('apsd_connections{state="ESTABLISHED"}')).toBe(3);
    expect(await node('node_textfile_scrape_error{}')).toBe(0);
    // node_exporter's own process metrics, not a copy from the textfile.
    expect(await single(p, 'count(process_start_time_seconds{job="node"})')).toBe(1);
    // The fleet panels count this machine three times: served plain, served with the token, and
    // through node_exporter (the refused scrapes bring no series).
    expect(await single(p, 'count(apsd_watch_build_info)')).toBe(3);
  }, 60_000);
});
