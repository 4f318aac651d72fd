/**
 * `apsd-watch doctor` against real parts in network namespaces the test makes (test/support/push-lab.ts):
 * dnsmasq, iptables, TLS servers on 5223 and 443, squid-openssl as shipped and with ssl_bump.
 * Includes the three machines of issue 18's "Done when" and the Jamf Environment Test's recorded
 * false results, each as a scenario the doctor gets right.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorResult } from '../../src/shared/doctor';
import { builtCli } from '../support/built-cli';
import { FAKE_SCUTIL, LAB, labAccess, startPushLab, type PushLab } from '../support/push-lab';

const access = await labAccess();
if (!access.ok && 'skip' in access) console.info(`skipped: the push-path lab: ${access.skip}`);

const REJECT_5223 = [
  '-p',
  'tcp',
  '-d',
  '17.0.0.0/8',
  '--dport',
  '5223',
  '-j',
  'REJECT',
  '--reject-with',
  'tcp-reset',
];
const DROP_5223 = ['-p', 'tcp', '-d', '17.0.0.0/8', '--dport', '5223', '-j', 'DROP'];
const REJECT_ALL_APPLE = [
  '-p',
  'tcp',
  '-d',
  '17.0.0.0/8',
  '-j',
  'REJECT',
  '--reject-with',
  'tcp-reset',
];
/** Short per-step limits: the DROP scenarios wait them out. */
const FAST = ['--json', '--step-timeout', '2', '--timeout', '40'];

const scutilWith = (lines: string[]) =>
  ['<dictionary> {', ...lines.map((line) => `  ${line}`), '}', ''].join('\n');
const httpsProxy = (target: string) => {
  const [host, port] = target.split(':');
  return scutilWith(['HTTPSEnable : 1', `HTTPSPort : ${port}`, `HTTPSProxy : ${host}`]);
};

describe.runIf(access.ok || 'missing' in access)('apsd-watch doctor in a namespace lab', () => {
  let lab: PushLab;
  let cli: string;

  beforeAll(async () => {
    if (!access.ok && 'missing' in access) throw new Error(access.missing);
    cli = await builtCli();
    lab = await startPushLab();
  }, 180_000);
  afterAll(async () => {
    await lab?.close();
  }, 60_000);

  async function doctor(
    options: { scutil?: string; env?: NodeJS.ProcessEnv } = {},
  ): Promise<DoctorResult> {
    const env: NodeJS.ProcessEnv = { ...options.env };
    const args = [...FAST];
    if (options.scutil !== undefined) {
      env.FAKE_SCUTIL_OUTPUT = await lab.scutilOutput(options.scutil);
      args.push('--scutil', FAKE_SCUTIL);
    }
    const run = await lab.doctor(cli, args, env);
    expect(run.stderr).toMatch(/^Checking the push network: this contacts/);
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as DoctorResult;
  }
  const outcomes = (result: DoctorResult, path: string) =>
    result.paths.filter((attempt) => attempt.path === path).map((attempt) => attempt.outcome);

  it('an open network: push path open on 5223, Apple chain on every path', async () => {
    await lab.firewall([]);
    await lab.useDns(LAB.goodDns);
    const result = await doctor();
    expect(result.summary.kind).toBe('open-5223');
    expect(result.summary.headline).toBe('push path open on 5223');
    // dnsmasq maps courier N to the lab's address (N - 1) mod 3: 1 and 25 to the first, 50 to the second.
    expect(result.names.map((answer) => answer.addresses)).toEqual([
      ['17.249.0.10'],
      ['17.249.0.10'],
      ['17.252.0.25'],
    ]);
    expect(result.paths.every((attempt) => attempt.tls?.kind === 'apple')).toBe(true);
    expect(result.pathOk).toEqual({
      direct_5223: true,
      direct_443: true,
      proxy_5223: false,
      proxy_443: false,
    });
    expect(result.steps.map((step) => [step.id, step.status])).toEqual([
      ['proxy', 'info'],
      ['names', 'ok'],
      ['direct', 'ok'],
      ['proxy-connect', 'not-run'],
      ['tls', 'ok'],
    ]);
  });

  it('Done when, machine 1 (5223 dropped by the firewall): the 443 fallback summary and its next step', async () => {
    await lab.firewall([DROP_5223]);
    const result = await doctor();
    expect(outcomes(result, 'direct_5223')).toEqual(['timed-out', 'timed-out', 'timed-out']);
    expect(outcomes(result, 'direct_443')).toEqual(['connected', 'connected', 'connected']);
    expect(result.summary.kind).toBe('fallback-443');
    expect(result.summary.headline).toBe(
      '5223 blocked, 443 fallback works: push works, with more delay and battery',
    );
    expect(result.summary.nextStep).toMatch(
      /^Allow outbound TCP 5223 to 17\.0\.0\.0\/8 on the firewall/,
    );
  });

  it('a REJECT on 5223 reads as refused, not as timed out', async () => {
    await lab.firewall([REJECT_5223]);
    const result = await doctor();
    expect(outcomes(result, 'direct_5223')).toEqual(['refused', 'refused', 'refused']);
    expect(result.summary.kind).toBe('fallback-443');
  });

  it('Done when, machine 2 (only a plain squid out): 443 through the proxy, which refuses CONNECT to 5223', async () => {
    await lab.firewall([REJECT_ALL_APPLE]);
    const result = await doctor({ scutil: httpsProxy(LAB.plainProxy) });
    expect(result.proxy.chosen).toEqual({
      proxy: LAB.plainProxy,
      source: 'the HTTPS proxy in the network settings',
    });
    expect(outcomes(result, 'proxy_443')).toEqual(['tunnel']);
    expect(outcomes(result, 'proxy_5223')).toEqual(['forbidden']);
    // JET issue: a working proxy was reported "Unavailable" because nc printed squid's 200 reply.
    expect(result.paths.find((attempt) => attempt.path === 'proxy_443')?.detail).toMatch(
      /opened a tunnel .*200 Connection established/i,
    );
    expect(result.paths.find((attempt) => attempt.path === 'proxy_443')?.tls?.kind).toBe('apple');
    expect(result.summary.headline).toBe(
      `5223 blocked, 443 fallback works: push works, with more delay and battery (through the proxy ${LAB.plainProxy}, which refuses CONNECT to 5223)`,
    );
    expect(result.summary.nextStep).toMatch(/allow CONNECT to port 5223 for \*\.push\.apple\.com/);
  });

  it('Done when, machine 3 (an inspecting squid): intercepted, naming the forged issuer and the product hint', async () => {
    await lab.firewall([REJECT_ALL_APPLE]);
    const result = await doctor({ scutil: httpsProxy(LAB.inspectingProxy) });
    const forged = result.paths.find((attempt) => attempt.path === 'proxy_443');
    expect(forged?.outcome).toBe('tunnel');
    expect(forged?.tls).toMatchObject({
      kind: 'intercepted',
      issuerOrganization: LAB.inspectionIssuer.o,
      issuerCommonName: LAB.inspectionIssuer.cn,
      productHint: 'Zscaler',
    });
    expect(result.summary.kind).toBe('intercepted');
    expect(result.summary.headline).toBe(
      `intercepted by ${LAB.inspectionIssuer.o} / ${LAB.inspectionIssuer.cn}: Apple services fail through TLS inspection; exempt *.push.apple.com (and 17.0.0.0/8) from inspection`,
    );
    expect(result.intercepted).toBe(true);
    expect(result.pathOk.proxy_443).toBe(false);
  });

  it('nothing gets out: blocked, with what refused it', async () => {
    await lab.firewall([REJECT_ALL_APPLE]);
    const result = await doctor();
    expect(result.summary.kind).toBe('blocked');
    expect(result.summary.headline).toBe("blocked: no path to Apple's push service");
    expect(result.summary.nextStep).toMatch(/a firewall refuses the connections \(reset\)/);
    expect(result.steps.find((step) => step.id === 'tls')?.status).toBe('not-run');
  });

  it('no route to 17.0.0.0/8 reads as no route', async () => {
    await lab.firewall([]);
    await lab.unreachable('17.0.0.0/8', true);
    try {
      const result = await doctor();
      expect(new Set(result.paths.map((attempt) => attempt.outcome))).toEqual(
        new Set(['no-route']),
      );
      expect(result.summary.nextStep).toMatch(/there is no route to 17\.0\.0\.0\/8/);
    } finally {
      await lab.unreachable('17.0.0.0/8', false);
    }
  });

  it('JET false result "every push host Unavailable": the bare courier name has no address, the numbered ones do', async () => {
    await lab.firewall([]);
    await lab.useDns(LAB.goodDns);
    const bare = await lab.onMac('getent', ['hosts', 'courier.push.apple.com']);
    expect(bare.code).not.toBe(0);
    const result = await doctor();
    expect(result.names.map((answer) => answer.host)).toEqual([
      '1-courier.push.apple.com',
      '25-courier.push.apple.com',
      '50-courier.push.apple.com',
    ]);
    expect(result.summary.kind).toBe('open-5223');
  });

  it('JET false result on DNS answering non-Apple addresses: the answer is named, the path is not called open', async () => {
    await lab.firewall([]);
    await lab.useDns(LAB.hijackDns);
    try {
      const result = await doctor();
      expect(result.names.every((answer) => answer.outside.includes(LAB.hijackAddress))).toBe(true);
      expect(result.steps.find((step) => step.id === 'names')).toMatchObject({ status: 'warning' });
      expect(result.steps.find((step) => step.id === 'names')?.lines[0]).toBe(
        `1-courier.push.apple.com resolves to ${LAB.hijackAddress}; ${LAB.hijackAddress} is not Apple's (17.0.0.0/8 or Apple's push ranges): DNS filtering or hijack`,
      );
      expect(result.summary.kind).toBe('blocked');
      expect(result.summary.nextStep).toMatch(
        /resolves to 10\.1\.2\.3, outside Apple's 17\.0\.0\.0\/8/,
      );
    } finally {
      await lab.useDns(LAB.goodDns);
    }
  });

  it('JET false result "wrong proxy from the PAC file": the PAC is evaluated for the courier URL', async () => {
    await lab.firewall([REJECT_ALL_APPLE]);
    const result = await doctor({
      scutil: scutilWith([
        'ProxyAutoConfigEnable : 1',
        `ProxyAutoConfigURLString : http://${LAB.pacServer}/push.pac`,
      ]),
    });
    expect(result.proxy.chosen?.proxy).toBe(LAB.plainProxy);
    expect(result.proxy.chosen?.source).toMatch(
      /^the PAC file's answer for https:\/\/1-courier\.push\.apple\.com:5223\//,
    );
    expect(result.summary.kind).toBe('fallback-443');
  });

  it('a broken PAC file is refused in one line, and every other step still reports', async () => {
    await lab.firewall([REJECT_ALL_APPLE]);
    const result = await doctor({
      scutil: scutilWith([
        'ProxyAutoConfigEnable : 1',
        `ProxyAutoConfigURLString : http://${LAB.pacServer}/broken.pac`,
      ]),
    });
    const proxyStep = result.steps.find((step) => step.id === 'proxy')!;
    expect(proxyStep.status).toBe('warning');
    expect(
      proxyStep.lines.filter((line) =>
        line.startsWith('Problem: PAC file refused: the PAC file was refused:'),
      ),
    ).toHaveLength(1);
    expect(result.steps.map((step) => step.id)).toEqual([
      'proxy',
      'names',
      'direct',
      'proxy-connect',
      'tls',
    ]);
    expect(result.steps.find((step) => step.id === 'direct')?.lines).toHaveLength(6);
    expect(result.summary.kind).toBe('blocked');
  });

  it('JET false result "apsctl Unavailable while MDM worked": the doctor never asks apsctl', async () => {
    await lab.firewall([]);
    const which = await lab.onMac('sh', ['-c', 'command -v apsctl || echo none']);
    expect(which.stdout.trim()).toBe('none');
    const result = await doctor();
    expect(result.summary.kind).toBe('open-5223');
  });

  it('the textfile carries the same result as low-cardinality metrics', async () => {
    await lab.firewall([REJECT_ALL_APPLE]);
    const file = join(lab.dir, 'doctor.prom');
    const env = { FAKE_SCUTIL_OUTPUT: await lab.scutilOutput(httpsProxy(LAB.inspectingProxy)) };
    const run = await lab.doctor(
      cli,
      ['--step-timeout', '2', '--scutil', FAKE_SCUTIL, '--textfile', file],
      env,
    );
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^intercepted by /);
    const samples = (await readFile(file, 'utf8'))
      .split('\n')
      .filter((line) => line.startsWith('apsd_push_path_') && !line.includes('timestamp'));
    expect(samples).toEqual([
      'apsd_push_path_ok{path="direct_5223"} 0',
      'apsd_push_path_ok{path="direct_443"} 0',
      'apsd_push_path_ok{path="proxy_5223"} 0',
      'apsd_push_path_ok{path="proxy_443"} 0',
      'apsd_push_path_intercepted 1',
    ]);
  });
});
