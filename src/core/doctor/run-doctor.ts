/**
 * The push-path check, step by step as Apple defines the path (docs/sources.md, "The push path"):
 * proxy settings, courier names, TCP 5223 and 443 directly, CONNECT through the proxy, and TLS on
 * every path that opened. Each step has its own timeout and reports even when an earlier one
 * failed; the whole check has a bounded total.
 */
import { lookup as systemLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import {
  PUSH_PATHS,
  type DoctorResult,
  type DoctorStep,
  type NameAnswer,
  type PathAttempt,
  type PushPath,
  type TlsFinding,
} from '../../shared/doctor';
import { APSD_RULES } from '../../shared/settings';
import { cidrContains, parseCidr, parseIp } from '../sockets/address';
import { PROBE_DEFAULTS } from '../probe/probe-certificates';
import { checkTls, connectThroughProxy, dialTcp, endpoint, seconds } from './dial-paths';
import { readProxyFindings, SCUTIL_BINARY, splitHostPort } from './proxy-settings';
import { summarize } from './summarize';

export const DOCTOR_DEFAULTS = {
  /** A few of the numbered couriers (1..50): the bare courier.push.apple.com has no address. */
  couriers: [1, 25, 50],
  courierName: (n: number) => `${n}-courier.push.apple.com`,
  servername: PROBE_DEFAULTS.servername,
  pushPort: 5223,
  fallbackPort: 443,
  stepTimeoutMs: 5_000,
  totalTimeoutMs: 45_000,
} as const;

export interface DoctorOptions {
  /** Courier numbers to try (1..50). */
  couriers?: readonly number[];
  stepTimeoutMs?: number;
  totalTimeoutMs?: number;
  /** Ports; tests may move them, the defaults are Apple's. */
  pushPort?: number;
  fallbackPort?: number;
  /** Extra trusted roots (PEM). */
  ca?: string[];
  /** Name resolution (the probe's override hook); default the system resolver. */
  lookup?: LookupFunction;
  /** `scutil` or its stand-in; default /usr/sbin/scutil on macOS and none elsewhere. */
  scutilBinary?: string | null;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Address ranges counted as Apple's; default 17.0.0.0/8 and Apple's IPv6 push blocks. */
  appleRanges?: readonly string[];
}

export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorResult> {
  const started = Date.now();
  const stepTimeout = options.stepTimeoutMs ?? DOCTOR_DEFAULTS.stepTimeoutMs;
  const total = options.totalTimeoutMs ?? DOCTOR_DEFAULTS.totalTimeoutMs;
  const deadline = started + total;
  const platform = options.platform ?? process.platform;
  const pushPort = options.pushPort ?? DOCTOR_DEFAULTS.pushPort;
  const fallbackPort = options.fallbackPort ?? DOCTOR_DEFAULTS.fallbackPort;
  const hosts = (options.couriers ?? DOCTOR_DEFAULTS.couriers).map(DOCTOR_DEFAULTS.courierName);
  const ranges = (options.appleRanges ?? APSD_RULES.peerCidrs).map(parseCidr);
  /** Each step's budget: its own timeout, cut short by what is left of the total. */
  const budget = () => Math.min(stepTimeout, deadline - Date.now());
  const outOfTime = `not run: the check's total time (${seconds(total)}) ran out`;
  const steps: DoctorStep[] = [];
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const at = Date.now();
    const value = await work();
    return [value, Date.now() - at];
  };

  // Names first (the PAC's dnsResolve answers from them), reported as step 2.
  let names: NameAnswer[] = [];
  let namesMs = 0;
  if (budget() > 0)
    [names, namesMs] = await timed(() =>
      Promise.all(hosts.map((host) => resolveName(host, budget(), ranges, options.lookup))),
    );
  const resolved = new Map(
    names.flatMap((answer) => (answer.addresses[0] ? [[answer.host, answer.addresses[0]]] : [])),
  );

  const [proxy, proxyMs] =
    budget() > 0
      ? await timed(() =>
          readProxyFindings({
            scutilBinary:
              options.scutilBinary !== undefined
                ? options.scutilBinary
                : platform === 'darwin'
                  ? SCUTIL_BINARY
                  : null,
            env: options.env ?? process.env,
            timeoutMs: budget(),
            pacUrls: [`https://${hosts[0]}:${pushPort}/`, `https://${hosts[0]}/`],
            resolved,
            courierHost: hosts[0]!,
          }),
        )
      : [{ lines: [], chosen: null, problems: [outOfTime] }, 0];
  steps.push({
    id: 'proxy',
    title: 'Proxy settings',
    status: proxy.problems.length > 0 ? 'warning' : 'info',
    lines: [...proxy.lines, ...proxy.problems.map((problem) => `Problem: ${problem}`)],
    ms: proxyMs,
  });

  steps.push(
    names.length === 0
      ? { id: 'names', title: 'Courier names', status: 'not-run', lines: [outOfTime], ms: 0 }
      : {
          id: 'names',
          title: 'Courier names',
          status: names.some((answer) => answer.outside.length > 0)
            ? 'warning'
            : names.every((answer) => answer.error)
              ? 'failed'
              : 'ok',
          lines: names.map(describeName),
          ms: namesMs,
        },
  );

  const tlsOptions = {
    servername: DOCTOR_DEFAULTS.servername,
    ca: options.ca,
    platform,
  };

  // Step 3: each courier on 5223 and 443, dialled directly; TLS over each that connected.
  const paths: PathAttempt[] = [];
  const directStarted = Date.now();
  if (budget() > 0) {
    const attempts = names.flatMap((answer) =>
      [pushPort, fallbackPort].map(async (port): Promise<PathAttempt> => {
        const path: PushPath = port === pushPort ? 'direct_5223' : 'direct_443';
        const at = Date.now();
        const address = answer.addresses[0] ?? null;
        if (!address)
          return {
            path,
            host: answer.host,
            port,
            address: null,
            proxy: null,
            outcome: 'no-name',
            detail: `${endpoint(answer.host, port)}: the name did not resolve`,
            tls: null,
            ms: 0,
          };
        const opened = await dialTcp(address, port, budget());
        const tls = opened.open
          ? await checkTls(opened.socket, answer.host, port, { ...tlsOptions, timeoutMs: budget() })
          : null;
        return {
          path,
          host: answer.host,
          port,
          address,
          proxy: null,
          outcome: opened.outcome,
          detail: `${answer.host} (${opened.detail})`,
          tls,
          ms: Date.now() - at,
        };
      }),
    );
    paths.push(...(await Promise.all(attempts)));
  }
  const direct = paths.filter((attempt) => attempt.proxy === null);
  steps.push(
    direct.length === 0
      ? {
          id: 'direct',
          title: 'Direct TCP 5223 and 443',
          status: 'not-run',
          lines: [outOfTime],
          ms: 0,
        }
      : {
          id: 'direct',
          title: 'Direct TCP 5223 and 443',
          status: direct.some((attempt) => attempt.outcome === 'connected')
            ? direct.every((attempt) => attempt.outcome === 'connected')
              ? 'ok'
              : 'warning'
            : 'failed',
          lines: direct.map((attempt) => `${attempt.port}: ${attempt.outcome}: ${attempt.detail}`),
          ms: Date.now() - directStarted,
        },
  );

  // Step 4: CONNECT through the proxy, 443 then 5223 (many proxies allow 443 only).
  const proxyStarted = Date.now();
  const target = proxy.chosen ? splitHostPort(proxy.chosen.proxy) : null;
  if (!proxy.chosen)
    steps.push({
      id: 'proxy-connect',
      title: 'Through the proxy',
      status: 'not-run',
      lines: ['No proxy applies: nothing to try.'],
      ms: 0,
    });
  else if (!target)
    steps.push({
      id: 'proxy-connect',
      title: 'Through the proxy',
      status: 'failed',
      lines: [`The proxy ${proxy.chosen.proxy} is not a host:port.`],
      ms: 0,
    });
  else if (budget() <= 0)
    steps.push({
      id: 'proxy-connect',
      title: 'Through the proxy',
      status: 'not-run',
      lines: [outOfTime],
      ms: 0,
    });
  else {
    const host = hosts[0]!;
    const viaProxy = await Promise.all(
      [fallbackPort, pushPort].map(async (port): Promise<PathAttempt> => {
        const at = Date.now();
        const opened = await connectThroughProxy(target.host, target.port, host, port, budget());
        const tls = opened.open
          ? await checkTls(opened.socket, host, port, { ...tlsOptions, timeoutMs: budget() })
          : null;
        return {
          path: port === pushPort ? 'proxy_5223' : 'proxy_443',
          host,
          port,
          address: null,
          proxy: proxy.chosen!.proxy,
          outcome: opened.outcome,
          detail: opened.detail,
          tls,
          ms: Date.now() - at,
        };
      }),
    );
    paths.push(...viaProxy);
    steps.push({
      id: 'proxy-connect',
      title: 'Through the proxy',
      status: viaProxy.every((attempt) => attempt.outcome === 'tunnel')
        ? 'ok'
        : viaProxy.some((attempt) => attempt.outcome === 'tunnel')
          ? 'warning'
          : 'failed',
      lines: viaProxy.map((attempt) => `${attempt.port}: ${attempt.outcome}: ${attempt.detail}`),
      ms: Date.now() - proxyStarted,
    });
  }

  // Step 5: what TLS showed on each path that opened.
  const opened = paths.filter((attempt) => attempt.tls !== null);
  steps.push({
    id: 'tls',
    title: 'TLS on each opened path',
    status:
      opened.length === 0
        ? 'not-run'
        : opened.some((attempt) => attempt.tls!.kind === 'intercepted')
          ? 'failed'
          : opened.every((attempt) => attempt.tls!.kind === 'apple')
            ? 'ok'
            : 'warning',
    lines:
      opened.length === 0
        ? ['No path opened: no TLS to check.']
        : opened.map((attempt) => `${pathLabel(attempt)}: ${describeTls(attempt.tls!)}`),
    ms: opened.reduce((sum, attempt) => sum + attempt.ms, 0),
  });

  const pathOk = Object.fromEntries(
    PUSH_PATHS.map((path) => [
      path,
      paths.some((attempt) => attempt.path === path && clean(attempt.tls)),
    ]),
  ) as Record<PushPath, boolean>;
  const intercepted = paths.some((attempt) => attempt.tls?.kind === 'intercepted');
  return {
    at: new Date(started).toISOString(),
    summary: summarize({ paths, names, proxy, pathOk }),
    steps,
    proxy,
    names,
    paths,
    pathOk,
    intercepted,
    totalMs: Date.now() - started,
  };
}

function clean(tls: TlsFinding | null): boolean {
  return tls?.kind === 'apple' || tls?.kind === 'unverifiable';
}

function pathLabel(attempt: PathAttempt): string {
  return attempt.proxy
    ? `${attempt.host}:${attempt.port} through ${attempt.proxy}`
    : `${attempt.host}:${attempt.port} (${attempt.address})`;
}

function describeTls(tls: TlsFinding): string {
  if (tls.kind !== 'intercepted') return tls.detail;
  const issuer = issuerName(tls);
  return `intercepted: issued by ${issuer}${tls.productHint ? ` (reads like ${tls.productHint})` : ''}; ${tls.detail}`;
}

/** `O=…, CN=…` as the forged chain claims them. */
function issuerName(tls: TlsFinding): string {
  const parts = [
    tls.issuerOrganization ? `O=${tls.issuerOrganization}` : null,
    tls.issuerCommonName ? `CN=${tls.issuerCommonName}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'an unnamed issuer';
}

function describeName(answer: NameAnswer): string {
  if (answer.error) return `${answer.host}: ${answer.error}`;
  const outside = answer.outside.length
    ? `; ${answer.outside.join(', ')} is not Apple's (17.0.0.0/8 or Apple's push ranges): DNS filtering or hijack`
    : '';
  return `${answer.host} resolves to ${answer.addresses.join(', ')}${outside}`;
}

async function resolveName(
  host: string,
  timeoutMs: number,
  ranges: ReturnType<typeof parseCidr>[],
  lookup: LookupFunction | undefined,
): Promise<NameAnswer> {
  const at = Date.now();
  const found = await new Promise<{ addresses: string[] } | { error: string }>((resolve) => {
    const timer = setTimeout(
      () => resolve({ error: `no answer from the resolver within ${seconds(timeoutMs)}` }),
      timeoutMs,
    );
    const done = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => {
      clearTimeout(timer);
      if (error || addresses.length === 0)
        resolve({ error: `did not resolve (${error?.code ?? 'no address'})` });
      else resolve({ addresses: addresses.map((entry) => entry.address) });
    };
    (lookup ?? systemLookup)(host, { all: true }, done as never);
  });
  const ms = Date.now() - at;
  if ('error' in found) return { host, addresses: [], outside: [], error: found.error, ms };
  const outside = found.addresses.filter((address) => {
    const bytes = parseIp(address);
    return !bytes || !ranges.some((range) => cidrContains(range, bytes));
  });
  return { host, addresses: found.addresses, outside, error: null, ms };
}
