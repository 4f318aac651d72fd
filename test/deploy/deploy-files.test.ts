/**
 * The files in deploy/ as an admin uses them: promtool checks the rules and runs their unit tests
 * and checks the scrape config; the LaunchDaemon plist is read by a real plist parser (Python's
 * plistlib) and its command is run; the Jamf extension attribute is run against the built CLI.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promtool } from '../support/prometheus';
import { builtCli } from '../support/built-cli';

const run = promisify(execFile);
const PROMETHEUS_DIR = resolve('deploy/prometheus');
const PLIST = resolve('deploy/launchd/org.example.apsd-watch.metrics.plist');
const SERVE_PLIST = resolve('deploy/launchd/org.example.apsd-watch.serve.plist');

/** A plist read by a real parser (Python's plistlib), as JSON. */
async function readPlist<T>(path: string): Promise<T> {
  const { stdout } = await run('python3', [
    '-c',
    'import json, plistlib, sys; print(json.dumps(plistlib.load(open(sys.argv[1], "rb"))))',
    path,
  ]);
  return JSON.parse(stdout) as T;
}
const JAMF = resolve('deploy/jamf/apsd-watch-verdict-ea.sh');
const JAMF_MDM = resolve('deploy/jamf/apsd-watch-mdm-push-ea.sh');

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'apsd-watch-deploy-'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

describe('deploy/prometheus with promtool', () => {
  it('has valid alert rules', async () => {
    const checked = await promtool(['check', 'rules', 'apsd-watch.rules.yml'], {
      cwd: PROMETHEUS_DIR,
    });
    expect(checked.out).toMatch(/SUCCESS: 8 rules found/);
    expect(checked.code).toBe(0);
  });

  it('fires each alert on its unit-test data and keeps quiet on calm data', async () => {
    const tested = await promtool(['test', 'rules', 'apsd-watch.rules.test.yml'], {
      cwd: PROMETHEUS_DIR,
    });
    expect(tested.out).toMatch(/SUCCESS/);
    expect(tested.code).toBe(0);
    // Every alert in the rules has a firing case and a quiet case in the tests.
    const rules = await readFile(join(PROMETHEUS_DIR, 'apsd-watch.rules.yml'), 'utf8');
    const tests = await readFile(join(PROMETHEUS_DIR, 'apsd-watch.rules.test.yml'), 'utf8');
    const alerts = [...rules.matchAll(/- alert: (\w+)/g)].map((m) => m[1]!);
    expect(alerts).toHaveLength(8);
    for (const alert of alerts) {
      expect(tests, alert).toMatch(
        new RegExp(`alertname: ${alert}\\n\\s+exp_alerts:\\n\\s+- exp_labels`),
      );
      expect(tests, alert).toMatch(new RegExp(`alertname: ${alert}, exp_alerts: \\[\\] \\}`));
    }
  });

  it('has a scrape config promtool accepts once the token file exists', async () => {
    // The example names /etc/prometheus/apsd-watch.token; promtool insists the file exists.
    const token = join(base, 'apsd-watch.token');
    await writeFile(token, 'x'.repeat(32));
    const config = (await readFile(join(PROMETHEUS_DIR, 'prometheus.yml'), 'utf8'))
      .replace('/etc/prometheus/apsd-watch.token', token)
      .replace('apsd-watch.rules.yml', join(PROMETHEUS_DIR, 'apsd-watch.rules.yml'));
    await writeFile(join(base, 'prometheus.yml'), config);
    const checked = await promtool(['check', 'config', join(base, 'prometheus.yml')]);
    expect(checked.out).toMatch(/SUCCESS: 1 rule files found/);
    expect(checked.code).toBe(0);
  });
});

describe('deploy/grafana', () => {
  it('is an importable dashboard whose every query asks the chosen Prometheus data source', async () => {
    type Target = { refId: string; expr: string; datasource: { type: string; uid: string } };
    type Panel = {
      id: number;
      title: string;
      type: string;
      datasource: unknown;
      targets: Target[];
    };
    const dashboard = JSON.parse(
      await readFile(resolve('deploy/grafana/apsd-watch-fleet.json'), 'utf8'),
    ) as {
      uid: string;
      title: string;
      templating: { list: { name: string; type: string; query: string }[] };
      panels: Panel[];
    };
    expect(dashboard.uid).toBe('apsd-watch-fleet');
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
    );
    const titles = dashboard.panels.map((p) => p.title);
    for (const wanted of [
      'Macs with a FIN_WAIT_1 pile-up',
      'Macs with a trust failure (24 h)',
      'Macs with push not connected',
      'Worst offenders: FIN_WAIT_1 connections',
    ])
      expect(titles).toContain(wanted);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    for (const panel of dashboard.panels) {
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets) {
        expect(target.datasource, panel.title).toEqual({
          type: 'prometheus',
          uid: '${datasource}',
        });
        // Only apsd-watch's own metrics, node_exporter's up and time(): nothing a fleet lacks.
        for (const name of target.expr.match(/\b[a-z_]+(?=[{[)\s]|$)/g) ?? [])
          if (name.includes('_') && !/^(apsd_|up$|__rate_interval$)/.test(name))
            throw new Error(`${panel.title}: unexpected metric ${name}`);
      }
    }
  });
});

describe('deploy/launchd', () => {
  it('is a well-formed plist that runs the textfile command every few minutes', async () => {
    const job = await readPlist<{
      Label: string;
      ProgramArguments: string[];
      StartInterval: number;
    }>(PLIST);
    expect(job.Label).toBe('org.example.apsd-watch.metrics');
    const args = job.ProgramArguments;
    expect(args.slice(2, 4)).toEqual(['metrics', '--textfile']);
    expect(args[4]).toMatch(/\.prom$/);
    expect(job.StartInterval).toBeGreaterThanOrEqual(60);
    // Sampled more often than ApsdWatchNotSampling's 15 minutes, so a healthy Mac never trips it.
    expect(job.StartInterval).toBeLessThan(900);
  });

  it("runs as written, with this machine's paths for node, the CLI and the file", async () => {
    await builtCli();
    const args = (await readPlist<{ ProgramArguments: string[] }>(PLIST)).ProgramArguments.slice(2);
    const file = join(base, 'apsd-watch.prom');
    args[2] = file;
    args[args.indexOf('--data-dir') + 1] = join(base, 'data');
    await run(process.execPath, [resolve('bin/apsd-watch.mjs'), ...args]);
    expect(await readFile(file, 'utf8')).toMatch(/^# HELP apsd_connections /);
    expect((await stat(file)).mode & 0o777).toBe(0o644);
  }, 60_000);
});

describe('deploy/launchd serve example', () => {
  it('is a well-formed plist whose arguments the CLI accepts up to the token file', async () => {
    const job = await readPlist<{ ProgramArguments: string[]; KeepAlive: boolean }>(SERVE_PLIST);
    expect(job.KeepAlive).toBe(true);
    const args = job.ProgramArguments.slice(2);
    expect(args.slice(0, 2)).toEqual(['serve', '--no-dashboard']);
    // With the example's paths the token file is missing here: the one-line usage error proves
    // every flag before it parsed.
    const cli = await builtCli();
    const failed = await run(process.execPath, [cli, ...args]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect('code' in failed && failed.code).toBe(2);
    expect('stderr' in failed && failed.stderr).toMatch(
      /^apsd-watch serve: --metrics-token-file \/Library\/Application Support\/apsd-watch\/metrics\.token: ENOENT/,
    );
  });
});

describe('deploy/jamf', () => {
  it('prints the verdict level as a Jamf extension attribute result', async () => {
    await builtCli();
    const { stdout } = await run('sh', [JAMF], {
      env: {
        ...process.env,
        APSD_WATCH_NODE: process.execPath,
        APSD_WATCH_CLI: resolve('bin/apsd-watch.mjs'),
        APSD_WATCH_DATA_DIR: join(base, 'jamf-data'),
      },
    });
    // Off a Mac the verdict is ok ("This is not a Mac"); on a Mac any of the three levels.
    expect(stdout).toMatch(
      process.platform === 'darwin'
        ? /^<result>(ok|watch|alert)<\/result>\n$/
        : /^<result>ok<\/result>\n$/,
    );
  }, 60_000);

  it("prints the MDM push status from apsd's own client list (the stand-in apsctl here)", async () => {
    await builtCli();
    const env = {
      ...process.env,
      APSD_WATCH_NODE: process.execPath,
      APSD_WATCH_CLI: resolve('bin/apsd-watch.mjs'),
      APSD_WATCH_DATA_DIR: join(base, 'jamf-mdm-data'),
    };
    const read = await run('sh', [JAMF_MDM], {
      env: { ...env, APSD_WATCH_APSCTL: resolve('test/fixtures/bin/fake-apsctl') },
    });
    // The assembled status: the user channel is "Not connected to service".
    expect(read.stdout).toMatch(
      /^<result>not connected \(com\.apple\.aps\.mdmclient\.agent\.push\.production: Not connected to service\), last MDM push \d{4}-\d\d-\d\dT[\d:.]+Z<\/result>\n$/,
    );
    if (process.platform !== 'darwin') {
      const offMac = await run('sh', [JAMF_MDM], { env });
      expect(offMac.stdout).toBe('<result>not read (apsctl status unavailable)</result>\n');
    }
  }, 60_000);

  it('says "not installed" rather than failing where apsd-watch is missing', async () => {
    const { stdout } = await run('sh', [JAMF], {
      env: { ...process.env, APSD_WATCH_CLI: join(base, 'missing.mjs') },
    });
    expect(stdout).toBe('<result>not installed</result>\n');
  });
});
