/** `serve`'s metrics flags, turned into where and how `/metrics` listens. */
import { isIP } from 'node:net';
import type { MetricsListen } from '../core/metrics/metrics-endpoint';
import { readMetricsToken } from '../core/metrics/token-file';
import { DEFAULT_METRICS_PORT } from '../shared/settings';
import { UsageError, type FlagSpecs, type ParsedValues } from './command';
import { MAX_PORT, parsePortText } from '../shared/port';

export const metricsFlags = {
  metrics: {
    description: `Also serve Prometheus /metrics on 127.0.0.1:${DEFAULT_METRICS_PORT} (loopback, no token).`,
  },
  'metrics-port': {
    value: 'N',
    description: 'Serve /metrics on this loopback port instead (0: a free one, printed).',
  },
  'metrics-listen': {
    value: 'ADDR:PORT',
    description:
      'Serve /metrics on this address of this machine instead, for a scraper on another host ([v6]:PORT for IPv6); every scrape must then send the token (--metrics-token-file).',
  },
  'metrics-token-file': {
    value: 'FILE',
    description:
      'The bearer token for --metrics-listen: one line, in a file an admin provisions (not world-readable).',
  },
} satisfies FlagSpecs;

function port(text: string, flag: string, min: number): number {
  const value = parsePortText(text, min);
  if (value === null)
    throw new UsageError(`${flag}: expected a port number ${min}-${MAX_PORT}, got '${text}'`);
  return value;
}

/** Splits `ADDR:PORT` (`[v6]:PORT` for IPv6); ADDR must be an IP address of this machine. */
export function parseListenAddress(text: string): { host: string; port: number } {
  const match = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:[\]]+):(\d+)$/.exec(text);
  if (!match || !isIP(match[1]!))
    throw new UsageError(
      `--metrics-listen: expected ADDR:PORT with an IP address, e.g. 192.168.1.44:${DEFAULT_METRICS_PORT} or [::]:${DEFAULT_METRICS_PORT}, got '${text}'`,
    );
  return { host: match[1]!, port: port(match[2]!, '--metrics-listen', 0) };
}

/** Null when no metrics flag was given; throws UsageError (exit 2) for a bad or missing flag. */
export async function metricsListenFromFlags(values: ParsedValues): Promise<MetricsListen | null> {
  const portText = values['metrics-port'];
  const listenText = values['metrics-listen'];
  const tokenFile = values['metrics-token-file'];
  const wanted = values.metrics === true || portText !== undefined || listenText !== undefined;
  if (!wanted) {
    if (tokenFile !== undefined)
      throw new UsageError('--metrics-token-file: only with --metrics-listen ADDR:PORT');
    return null;
  }
  if (typeof listenText === 'string') {
    if (portText !== undefined)
      throw new UsageError('--metrics-port and --metrics-listen: give one, not both');
    if (typeof tokenFile !== 'string')
      throw new UsageError(
        '--metrics-listen: needs --metrics-token-file FILE; a scrape from another host must carry a token',
      );
    const address = parseListenAddress(listenText);
    try {
      return { kind: 'remote', ...address, token: await readMetricsToken(tokenFile) };
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  if (tokenFile !== undefined)
    throw new UsageError('--metrics-token-file: only with --metrics-listen ADDR:PORT');
  return {
    kind: 'loopback',
    port: typeof portText === 'string' ? port(portText, '--metrics-port', 0) : DEFAULT_METRICS_PORT,
  };
}
