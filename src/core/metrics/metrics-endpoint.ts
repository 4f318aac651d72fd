/**
 * `/metrics` over HTTP for a Prometheus scraper. By default on 127.0.0.1 only, answering only to a
 * loopback Host (against DNS rebinding). Any address an admin names (`--metrics-listen`, loopback
 * ones included) requires `Authorization: Bearer <token>`: the token comes from a file, is never
 * printed and is never accepted in a URL. Browsers are refused outright (an Origin header).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTokenMatcher } from '../auth/token-match';
import type { ApsdMetrics } from './apsd-metrics';

const METRICS_PATH = '/metrics';
const LOOPBACK = '127.0.0.1';

export type MetricsListen =
  /** 127.0.0.1 only, no token: scraped by a Prometheus or an agent on the same Mac. */
  | { kind: 'loopback'; port: number }
  /** An address the admin chose; every scrape must carry the bearer token. */
  | { kind: 'remote'; host: string; port: number; token: string };

export interface MetricsEndpoint {
  /** `http://host:port/metrics` (IPv6 in brackets), for a message; never carries the token. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startMetricsEndpoint(
  metrics: ApsdMetrics,
  listen: MetricsListen,
): Promise<MetricsEndpoint> {
  const host = listen.kind === 'loopback' ? LOOPBACK : listen.host;
  if (listen.kind === 'remote' && !listen.token) throw new Error('metrics: the token is empty');
  const tokenMatches = listen.kind === 'remote' ? createTokenMatcher(listen.token) : null;
  const server = createServer();
  /** Loopback only: the Host values it answers to, known once the port is; empty until then. */
  const allowedHosts = listen.kind === 'loopback' ? new Set<string>() : null;
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const refusal = refuse(request, allowedHosts, tokenMatches);
    if (refusal) return send(response, refusal.status, refusal.message, refusal.headers);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, 'only GET and HEAD are served', { Allow: 'GET, HEAD' });
    metrics.exposition().then(
      (body) => {
        response.writeHead(200, {
          'Content-Type': metrics.registry.contentType,
          'Content-Length': Buffer.byteLength(body),
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      () => send(response, 500, 'could not collect the metrics'),
    );
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  }).catch((error: NodeJS.ErrnoException) => {
    throw new Error(listenError(error, host, listen.port));
  });
  allowedHosts?.add(`127.0.0.1:${port}`).add(`localhost:${port}`);
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}${METRICS_PATH}`,
    host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface Refusal {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

/** Why a request is refused, checked before anything is collected; null when it may be served. */
function refuse(
  request: IncomingMessage,
  allowedHosts: Set<string> | null,
  tokenMatches: ((candidate: string | null | undefined) => boolean) | null,
): Refusal | null {
  if (request.headers.origin !== undefined)
    return {
      status: 403,
      message: 'metrics are for scrapers; requests from web pages are refused',
    };
  if (allowedHosts && !allowedHosts.has(request.headers.host?.toLowerCase() ?? ''))
    return { status: 421, message: 'this endpoint answers only to 127.0.0.1 or localhost' };
  const url = new URL(request.url ?? '/', 'http://metrics.invalid');
  if (url.pathname !== METRICS_PATH)
    return { status: 404, message: `not found; try ${METRICS_PATH}` };
  if (!tokenMatches) return null;
  if (url.search)
    return {
      status: 400,
      message: 'no query parameters: the token goes in the Authorization header, never in a URL',
    };
  const header = request.headers.authorization ?? '';
  const bearer = /^Bearer (\S+)$/i.exec(header)?.[1];
  if (tokenMatches(bearer)) return null;
  return {
    status: 401,
    message: 'a valid bearer token is required (Authorization: Bearer <token>)',
    headers: { 'WWW-Authenticate': 'Bearer realm="apsd-watch metrics"' },
  };
}

function send(
  response: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = `apsd-watch: ${message}.\n`;
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  response.end(body);
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): string {
  if (error.code === 'EADDRINUSE') return `metrics: ${host}:${port} is already in use`;
  if (error.code === 'EADDRNOTAVAIL') return `metrics: ${host} is not an address of this machine`;
  if (error.code === 'EACCES') return `metrics: not allowed to listen on ${host}:${port}`;
  return `metrics: cannot listen on ${host}:${port}: ${error.message.split('\n')[0]}`;
}
