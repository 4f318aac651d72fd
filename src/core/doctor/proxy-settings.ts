/**
 * Step 1 of the push-path check: which proxy, if any, stands between this Mac and the push
 * service. Read from `scutil --proxy` (the system's settings), a PAC file it names (evaluated,
 * never grepped) and this environment's HTTPS_PROXY / https_proxy.
 */
import type { ProxyChoice, ProxyFindings } from '../../shared/doctor';
import { errorLine } from '../../shared/error-line';
import { runCommand } from '../exec/run-command';
import { evaluatePac, fetchPac, parsePacAnswer } from './pac-file';
import { parseScutilProxy, systemProxySettings, type SystemProxySettings } from './scutil-proxy';

export const SCUTIL_BINARY = '/usr/sbin/scutil';

export interface ProxyReadOptions {
  /** `scutil`, or a stand-in; null where there is none (off a Mac), so only the environment is read. */
  scutilBinary: string | null;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** The courier URLs the PAC file is asked about, first the 5223 one, then the 443 one. */
  pacUrls: readonly string[];
  /** Names the check resolved, for dnsResolve() inside the PAC. */
  resolved: ReadonlyMap<string, string>;
  /** The courier host the exceptions are matched against. */
  courierHost: string;
}

export async function readProxyFindings(options: ProxyReadOptions): Promise<ProxyFindings> {
  const lines: string[] = [];
  const problems: string[] = [];
  let chosen: ProxyChoice | null = null;

  let system: SystemProxySettings | null = null;
  if (options.scutilBinary) {
    try {
      const { stdout } = await runCommand(options.scutilBinary, ['--proxy'], {
        timeoutMs: options.timeoutMs,
        maxBufferBytes: 1024 * 1024,
      });
      const parsed = parseScutilProxy(stdout);
      if (!parsed.ok) problems.push(`system proxy settings not read: ${parsed.problem}`);
      else {
        system = systemProxySettings(parsed.dictionary);
        if (parsed.unread > 0)
          problems.push(`${parsed.unread} line(s) of the scutil --proxy output were not read`);
      }
    } catch (error) {
      problems.push(`system proxy settings not read: ${errorLine(error)}`);
    }
  } else lines.push('System proxy settings: not read (scutil is macOS only).');

  if (system) {
    const shown = (label: string, proxy: { host: string; port: number } | null) =>
      lines.push(`${label}: ${proxy ? `${proxy.host}:${proxy.port}` : 'off'}`);
    shown('HTTPS proxy', system.https);
    shown('HTTP proxy', system.http);
    shown('SOCKS proxy', system.socks);
    lines.push(`Automatic proxy configuration (PAC): ${system.pacUrl ?? 'off'}`);
    if (system.autoDiscovery)
      lines.push(
        'Automatic proxy discovery (WPAD) is on; this check does not search for a WPAD file.',
      );
    if (system.exceptions.length > 0)
      lines.push(`Proxy exceptions: ${system.exceptions.slice(0, 20).join(', ')}`);
    if (system.socks) lines.push('A SOCKS proxy is set; this check tries HTTP proxies only.');
  }

  const excepted = system ? exceptionFor(options.courierHost, system.exceptions) : null;
  if (excepted)
    lines.push(`${options.courierHost} matches the exception ${excepted}: no proxy for it.`);

  if (system?.pacUrl && !excepted) {
    const fetched = await fetchPac(system.pacUrl, options.timeoutMs);
    if (!fetched.ok) problems.push(`PAC file refused: ${fetched.problem}`);
    else {
      const evaluated = await evaluatePac(fetched.text, options.pacUrls, options.resolved);
      if (evaluated.problem) problems.push(`PAC file refused: ${evaluated.problem}`);
      for (const url of options.pacUrls) {
        const answer = evaluated.answers.get(url);
        if (!answer) continue;
        if (!answer.ok) {
          problems.push(`PAC file for ${url}: ${answer.problem}`);
          continue;
        }
        lines.push(`PAC answer for ${url}: ${answer.answer.slice(0, 200)}`);
        const { directives } = parsePacAnswer(answer.answer);
        const first = directives[0];
        if (!chosen && first && (first.kind === 'PROXY' || first.kind === 'HTTPS'))
          chosen = { proxy: first.target, source: `the PAC file's answer for ${url}` };
      }
    }
  }
  if (!chosen && system?.https && !excepted)
    chosen = {
      proxy: `${system.https.host}:${system.https.port}`,
      source: 'the HTTPS proxy in the network settings',
    };

  const envProxy = options.env.HTTPS_PROXY ?? options.env.https_proxy;
  if (envProxy) {
    const target = proxyTarget(envProxy);
    if (!target)
      problems.push(`HTTPS_PROXY is not a proxy address: ${JSON.stringify(envProxy.slice(0, 80))}`);
    else {
      lines.push(
        `HTTPS_PROXY in this environment: ${target} (command-line tools use it; apsd does not)`,
      );
      chosen ??= { proxy: target, source: 'HTTPS_PROXY in this environment' };
    }
  }
  if (!chosen) lines.push('No proxy applies to the push service: it is reached directly.');
  else lines.push(`Proxy tried: ${chosen.proxy}, from ${chosen.source}.`);
  return { lines, chosen, problems };
}

/** `http://user:secret@proxy:3128/` -> `proxy:3128`: credentials are never kept. */
function proxyTarget(value: string): string | null {
  try {
    const url = new URL(value.includes('://') ? value : `http://${value}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!url.hostname) return null;
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return `${url.hostname}:${port}`;
  } catch {
    return null;
  }
}

/** The first exception pattern (`*.apple.com`, `push.apple.com`) that covers the host. */
function exceptionFor(host: string, exceptions: readonly string[]): string | null {
  for (const pattern of exceptions) {
    const lower = pattern.trim().toLowerCase();
    if (!lower || /[/:]/.test(lower)) continue;
    const suffix = lower.startsWith('*.') ? lower.slice(1) : lower.startsWith('.') ? lower : null;
    if ((suffix && host.endsWith(suffix)) || host === lower) return pattern;
  }
  return null;
}

/** `host:port` (or `[v6]:port`) split; null when it is not one. */
export function splitHostPort(target: string): { host: string; port: number } | null {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(target);
  const port = Number(match?.[3]);
  if (!match || !(port > 0 && port < 65536)) return null;
  return { host: match[1] ?? match[2]!, port };
}
