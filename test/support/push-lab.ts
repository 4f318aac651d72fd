/**
 * A private copy of the push path for the doctor's tests, built from real parts inside two network
 * namespaces this test creates (unique names): a "Mac" namespace where the CLI runs behind an
 * iptables firewall, and an "Apple side" namespace joined to it by a veth pair, holding real
 * dnsmasq, real TLS servers on 5223 and 443 at 17.x addresses (a generated chain the test marks as
 * Apple's through --trust-root), a PAC file server, and Debian's squid-openssl twice: as shipped
 * (clients let in as Debian's own conf.d comment suggests) and with ssl_bump forging certificates
 * from a CA named like an inspection product. No packet leaves the two namespaces.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCommand } from '../../src/core/exec/run-command';
import { createTestPki, type TestPki } from '../fixtures/tls/test-pki';
import {
  SQUID_CERTGEN as CERTGEN,
  locate,
  missingToolLine,
  toolNamed,
} from '../../scripts/system-tools.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const LAB_SERVERS = join(ROOT, 'test/support/push-lab-servers.mjs');
export const FAKE_SCUTIL = join(ROOT, 'test/fixtures/bin/fake-scutil');

/** The tools the lab runs (scripts/system-tools.mjs says which package brings each). */
const NEEDED = ['ip', 'iptables', 'dnsmasq', 'squid', 'openssl'];

/** The lab's addresses. The Apple side answers on 17.x (couriers) and 10.1.2.3 (a hijack target). */
export const LAB = {
  macAddress: '10.200.0.2',
  appleSide: '10.200.0.1',
  /** dnsmasq answering each N-courier name with an address in 17.0.0.0/8. */
  goodDns: '10.200.0.1',
  /** dnsmasq answering each N-courier name with 10.1.2.3, outside Apple's range. */
  hijackDns: '10.200.1.53',
  hijackAddress: '10.1.2.3',
  courierAddresses: ['17.249.0.10', '17.252.0.25', '17.57.144.50'],
  plainProxy: '10.200.0.1:3128',
  inspectingProxy: '10.200.0.1:3129',
  /** Nothing listens here: a dead proxy for the "wrong proxy from the PAC" scenario. */
  deadProxy: '10.200.0.1:9',
  pacServer: '10.200.0.1:8080',
  /** The issuer the inspecting squid forges with: it reads like Zscaler's. */
  inspectionIssuer: { o: 'Zscaler Inc.', cn: 'Zscaler Intermediate Root CA (zscaler.net)' },
} as const;

export type LabAccess = { ok: true } | { ok: false; skip: string } | { ok: false; missing: string };

/** Root, namespaces and the binaries: a missing binary is a failure naming its package, not a skip. */
export async function labAccess(): Promise<LabAccess> {
  if (process.platform !== 'linux')
    return { ok: false, skip: `network namespaces need Linux (this is ${process.platform})` };
  if (process.getuid?.() !== 0)
    return { ok: false, skip: 'creating network namespaces needs root' };
  for (const name of NEEDED) {
    const tool = toolNamed(name);
    if (!locate(tool)) return { ok: false, missing: missingToolLine(tool) };
  }
  const probe = `apsdprobe${process.pid}${Math.floor(Math.random() * 1e6)}`;
  try {
    await runCommand('ip', ['netns', 'add', probe], { timeoutMs: 10_000 });
    await runCommand('ip', ['netns', 'del', probe], { timeoutMs: 10_000 });
  } catch (error) {
    return {
      ok: false,
      skip: `cannot create a network namespace here (${(error as Error).message})`,
    };
  }
  return { ok: true };
}

interface DoctorRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface PushLab {
  readonly dir: string;
  readonly pki: TestPki;
  /** Replaces the Mac side's firewall (iptables OUTPUT rules, each an argument list after -A OUTPUT). */
  firewall(rules: string[][]): Promise<void>;
  /** Points the Mac side's resolver at one of the lab's dnsmasq instances. */
  useDns(server: string): Promise<void>;
  /** Adds or removes an `unreachable` route on the Mac side. */
  unreachable(cidr: string, on: boolean): Promise<void>;
  /** Writes what the scutil stand-in prints; returns its path for FAKE_SCUTIL_OUTPUT. */
  scutilOutput(text: string): Promise<string>;
  /** Runs `apsd-watch doctor` on the Mac side. */
  doctor(cli: string, args: string[], env?: NodeJS.ProcessEnv): Promise<DoctorRun>;
  /** Runs any command on the Mac side (e.g. getent). */
  onMac(file: string, args: string[]): Promise<DoctorRun>;
  close(): Promise<void>;
}

/** PAC files the lab serves at http://10.200.0.1:8080/. */
const LAB_PAC = {
  /** Push hosts through the plain proxy; everything else through a dead one (the JET pitfall). */
  '/push.pac': `function FindProxyForURL(url, host) {
  if (dnsDomainIs(host, ".push.apple.com")) return "PROXY ${LAB.plainProxy}; DIRECT";
  return "PROXY ${LAB.deadProxy}";
}`,
  '/broken.pac': 'function FindProxyForURL(url, host) { return "PROXY " + ; }',
};

export async function startPushLab(): Promise<PushLab> {
  const tag = `${process.pid.toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
  const mac = `apsdmac${tag}`;
  const apple = `apsdapl${tag}`;
  const dir = await mkdtemp(join(tmpdir(), 'apsd-watch-lab-'));
  // squid and dnsmasq drop to unprivileged users that must read and write here.
  await chmod(dir, 0o777);
  const netnsEtc = join('/etc/netns', mac);
  const children: ChildProcess[] = [];
  const pki = await createTestPki();
  const sh = (file: string, args: string[]) => runCommand(file, args, { timeoutMs: 20_000 });
  const inMac = (args: string[]) => sh('ip', ['netns', 'exec', mac, ...args]);

  const close = async () => {
    for (const child of children) stop(child);
    await Promise.all(children.map((child) => exited(child)));
    await sh('ip', ['netns', 'del', mac]).catch(() => undefined);
    await sh('ip', ['netns', 'del', apple]).catch(() => undefined);
    await rm(netnsEtc, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
    await pki.cleanup();
  };

  try {
    const vethMac = `am${tag}`.slice(0, 15);
    const vethApple = `aa${tag}`.slice(0, 15);
    await sh('ip', ['netns', 'add', mac]);
    await sh('ip', ['netns', 'add', apple]);
    await sh('ip', ['link', 'add', vethMac, 'type', 'veth', 'peer', 'name', vethApple]);
    await sh('ip', ['link', 'set', vethMac, 'netns', mac]);
    await sh('ip', ['link', 'set', vethApple, 'netns', apple]);
    await sh('ip', ['-n', mac, 'addr', 'add', `${LAB.macAddress}/24`, 'dev', vethMac]);
    await sh('ip', ['-n', apple, 'addr', 'add', `${LAB.appleSide}/24`, 'dev', vethApple]);
    for (const ns of [mac, apple]) await sh('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    await sh('ip', ['-n', mac, 'link', 'set', vethMac, 'up']);
    await sh('ip', ['-n', apple, 'link', 'set', vethApple, 'up']);
    await sh('ip', ['-n', mac, 'route', 'add', 'default', 'via', LAB.appleSide]);
    for (const address of [...LAB.courierAddresses, LAB.hijackAddress, LAB.hijackDns])
      await sh('ip', ['-n', apple, 'addr', 'add', `${address}/32`, 'dev', 'lo']);
    await mkdir(netnsEtc, { recursive: true });
    await writeFile(join(netnsEtc, 'resolv.conf'), `nameserver ${LAB.goodDns}\n`);

    const spawnIn = async (ns: string, args: string[], readyText: RegExp) => {
      const child = spawn('ip', ['netns', 'exec', ns, ...args], {
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      await waitFor(child, readyText, args[0]!);
    };

    // The push servers' chain: root, marked intermediate, marked leaf for the courier names.
    const leaf = await pki.issueLeaf({
      commonName: 'courier.push.apple.com',
      dnsNames: ['courier.push.apple.com', '*.push.apple.com'],
      appleMarker: true,
    });
    await writeFile(join(dir, 'push-chain.pem'), leaf.certPem + pki.intermediate.certPem);
    await writeFile(join(dir, 'push.key'), leaf.keyPem);
    await writeFile(join(dir, 'apple-root.pem'), pki.root.certPem);
    await writeFile(
      join(dir, 'servers.json'),
      JSON.stringify({
        tls: LAB.courierAddresses.flatMap((host) =>
          [5223, 443].map((port) => ({
            host,
            port,
            cert: join(dir, 'push-chain.pem'),
            key: join(dir, 'push.key'),
          })),
        ),
        http: [{ host: LAB.appleSide, port: 8080, files: LAB_PAC }],
      }),
    );
    await spawnIn(apple, [process.execPath, LAB_SERVERS, join(dir, 'servers.json')], /ready/);

    // dnsmasq twice: Apple's answers, and a hijacking one. No upstream: other names get no answer.
    const dnsmasq = (listen: string, answer: (n: number) => string) => [
      'dnsmasq',
      '--keep-in-foreground',
      '--log-facility=-',
      '--conf-file=/dev/null',
      '--no-resolv',
      '--no-hosts',
      '--bind-interfaces',
      `--listen-address=${listen}`,
      `--pid-file=${join(dir, `dnsmasq-${listen}.pid`)}`,
      ...Array.from(
        { length: 50 },
        (_, i) => `--address=/${i + 1}-courier.push.apple.com/${answer(i)}`,
      ),
    ];
    await spawnIn(
      apple,
      dnsmasq(LAB.goodDns, (i) => LAB.courierAddresses[i % 3]!),
      /started/,
    );
    await spawnIn(
      apple,
      dnsmasq(LAB.hijackDns, () => LAB.hijackAddress),
      /started/,
    );

    // squid as Debian ships it, and the same with ssl_bump.
    const shipped = await readFile('/etc/squid/squid.conf', 'utf8');
    const inspectCa = join(dir, 'inspect-ca');
    await sh('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '30',
      '-keyout',
      `${inspectCa}.key`,
      '-out',
      `${inspectCa}.pem`,
      '-subj',
      `/O=${LAB.inspectionIssuer.o}/CN=${LAB.inspectionIssuer.cn}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    const sslDb = join(dir, 'ssl_db');
    await sh(CERTGEN, ['-c', '-s', sslDb, '-M', '4MB']);
    await sh('chown', ['-R', 'proxy:proxy', sslDb]);
    await chmod(`${inspectCa}.key`, 0o644);
    for (const [name, port, bump] of [
      ['plain', 3128, false],
      ['inspecting', 3129, true],
    ] as const) {
      const conf = squidConfig(shipped, {
        listen: bump
          ? `${LAB.appleSide}:${port} ssl-bump tls-cert=${inspectCa}.pem tls-key=${inspectCa}.key generate-host-certificates=on dynamic_cert_mem_cache_size=4MB`
          : `${LAB.appleSide}:${port}`,
        dir,
        name,
        bump: bump ? { certgen: CERTGEN, db: sslDb } : null,
      });
      await writeFile(join(dir, `squid-${name}.conf`), conf);
      await spawnIn(
        apple,
        ['squid', '-N', '-d', '1', '-f', join(dir, `squid-${name}.conf`)],
        /Accepting/,
      );
    }
  } catch (error) {
    await close();
    throw error;
  }

  return {
    dir,
    pki,
    async firewall(rules) {
      await inMac(['iptables', '-F', 'OUTPUT']);
      for (const rule of rules) await inMac(['iptables', '-A', 'OUTPUT', ...rule]);
    },
    async useDns(server) {
      await writeFile(join(netnsEtc, 'resolv.conf'), `nameserver ${server}\n`);
    },
    async unreachable(cidr, on) {
      await sh('ip', ['-n', mac, 'route', on ? 'add' : 'del', 'unreachable', cidr]);
    },
    async scutilOutput(text) {
      const file = join(dir, `scutil-${Math.random().toString(36).slice(2)}.txt`);
      await writeFile(file, text);
      return file;
    },
    doctor: (cli, args, env = {}) =>
      execIn(
        mac,
        [process.execPath, cli, 'doctor', '--trust-root', join(dir, 'apple-root.pem'), ...args],
        env,
      ),
    onMac: (file, args) => execIn(mac, [file, ...args], {}),
    close,
  };
}

/** Debian's shipped squid.conf, with only what a test must change: where it listens and writes. */
function squidConfig(
  shipped: string,
  options: {
    listen: string;
    dir: string;
    name: string;
    bump: { certgen: string; db: string } | null;
  },
): string {
  const lines = shipped.split('\n').map((line) => {
    // Debian's conf.d says to uncomment `http_access allow localnet` to serve the LAN: done here.
    if (line.startsWith('include /etc/squid/conf.d/')) return 'http_access allow localnet';
    if (/^http_port /.test(line)) return `http_port ${options.listen}`;
    if (/^coredump_dir /.test(line)) return `coredump_dir ${options.dir}`;
    return line;
  });
  lines.push(
    `pid_filename ${join(options.dir, `squid-${options.name}.pid`)}`,
    `cache_log ${join(options.dir, `squid-${options.name}-cache.log`)}`,
    // The lab's own dnsmasq: squid must never ask the host's resolver.
    `dns_nameservers ${LAB.goodDns}`,
    'access_log none',
    'cache_store_log none',
    'shutdown_lifetime 0 seconds',
    'logfile_rotate 0',
  );
  if (options.bump)
    lines.push(
      `sslcrtd_program ${options.bump.certgen} -s ${options.bump.db} -M 4MB`,
      'sslcrtd_children 2 startup=1 idle=1',
      'acl step1 at_step SslBump1',
      'ssl_bump peek step1',
      'ssl_bump bump all',
      // The lab's push servers use the test root; an inspecting proxy would trust its vendor's roots.
      'tls_outgoing_options flags=DONT_VERIFY_PEER',
      'sslproxy_cert_error allow all',
    );
  return `${lines.join('\n')}\n`;
}

function execIn(ns: string, argv: string[], env: NodeJS.ProcessEnv): Promise<DoctorRun> {
  return new Promise((done) => {
    const child = spawn('ip', ['netns', 'exec', ns, ...argv], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code: code ?? -1, stdout, stderr });
    });
  });
}

function waitFor(child: ChildProcess, text: RegExp, name: string): Promise<void> {
  return new Promise((done, fail) => {
    let seen = '';
    const timer = setTimeout(
      () => fail(new Error(`${name} did not start within 30 s: ${seen.slice(-300)}`)),
      30_000,
    );
    const look = (chunk: Buffer) => {
      seen += chunk.toString();
      if (text.test(seen)) {
        clearTimeout(timer);
        done();
      }
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${name} exited (${code}) before it was ready: ${seen.slice(-300)}`));
    });
  });
}

function stop(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}
