/**
 * The loopback dashboard: serves the built renderer and its WebSocket on 127.0.0.1 only, to a
 * browser that presents the token printed at start (then kept in an HttpOnly cookie).
 */
import { access, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { Engine } from '../core/engine-api';
import { DASHBOARD_SOCKET_PATH } from '../shared/dashboard-protocol';
import { createAccessGuard, generateToken, type AccessGuard } from './access-guard';
import { contentTypeFor, securityHeaders } from './security-headers';
import { HEADERS_TIMEOUT_MS, MAX_CONNECTIONS, MAX_SOCKET_CLIENTS } from './dashboard-limits';
import { createSocketHub, type SocketHub } from './socket-hub';
import { lookupStaticFile } from './static-files';
import { errorLine } from '../shared/error-line';

export interface DashboardServerOptions {
  engine: Engine;
  /** 0 picks a free port. */
  port: number;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Defaults to 32 random bytes, base64url. */
  token?: string;
}

export interface DashboardServer {
  /** `http://127.0.0.1:<port>/?token=<token>`: the one URL that signs a browser in. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

export async function startDashboardServer(
  options: DashboardServerOptions,
): Promise<DashboardServer> {
  const rootReal = await findRenderer(options.rendererDir);
  const token = options.token ?? generateToken();
  const server = createServer({ headersTimeout: HEADERS_TIMEOUT_MS });
  // Connections past the cap are dropped on arrival, before a byte is read: memory stays bounded.
  server.maxConnections = MAX_CONNECTIONS;
  const hub = createSocketHub(options.engine);
  // The guard needs the port, known only once listening; until then every connection is dropped.
  let guard: AccessGuard | null = null;

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!guard) return void response.destroy();
    handleHttp(guard, rootReal, request, response).catch(() => {
      if (!response.headersSent) sendText(response, 500, 'apsd-watch: internal error.');
      else response.destroy();
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!guard) return void socket.destroy();
    handleUpgrade(guard, hub, request, socket, head);
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      guard = createAccessGuard(bound, token);
      resolve(bound);
    });
  }).catch(async (error: NodeJS.ErrnoException) => {
    await hub.close();
    throw new Error(listenError(error, options.port));
  });

  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    port,
    async close() {
      await hub.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function handleHttp(
  guard: AccessGuard,
  rootReal: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const origin = guard.checkOrigin(request, false);
  if (!origin.ok) return sendText(response, origin.status, origin.message);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return sendText(response, 405, 'apsd-watch: only GET and HEAD are served.');
  }
  const url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
  const auth = guard.checkToken(request, url);
  if (!auth.ok) return sendText(response, auth.status, auth.message);
  if (url.searchParams.has('token') && url.pathname === '/') {
    // Trade the token in the address bar for a cookie, so it leaves history and screenshots.
    response.writeHead(303, {
      ...securityHeaders('text/plain; charset=utf-8'),
      'Set-Cookie': guard.sessionCookie(),
      Location: '/',
    });
    return void response.end();
  }
  if (url.pathname === DASHBOARD_SOCKET_PATH)
    return sendText(response, 426, 'apsd-watch: this path takes WebSocket connections only.');
  const file = await lookupStaticFile(rootReal, url.pathname);
  if (!file.ok) return sendText(response, file.status, file.message);
  response.writeHead(200, {
    ...securityHeaders(contentTypeFor(file.extension)),
    'Content-Length': file.body.length,
  });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}

function handleUpgrade(
  guard: AccessGuard,
  hub: SocketHub,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  socket.on('error', () => socket.destroy());
  const origin = guard.checkOrigin(request, true);
  if (!origin.ok) return rejectUpgrade(socket, origin.status, origin.message);
  const url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
  if (url.pathname !== DASHBOARD_SOCKET_PATH)
    return rejectUpgrade(socket, 404, 'apsd-watch: not found.');
  const auth = guard.checkToken(request, url);
  if (!auth.ok) return rejectUpgrade(socket, auth.status, auth.message);
  if (hub.clientCount() >= MAX_SOCKET_CLIENTS)
    return rejectUpgrade(
      socket,
      503,
      `apsd-watch: ${MAX_SOCKET_CLIENTS} dashboard connections are open already; close one.`,
    );
  hub.accept(request, socket, head);
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  421: 'Misdirected Request',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function sendText(response: ServerResponse, status: number, message: string): void {
  const body = `${message}\n`;
  response.writeHead(status, {
    ...securityHeaders('text/plain; charset=utf-8'),
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

async function findRenderer(rendererDir: string): Promise<string> {
  try {
    await access(join(rendererDir, 'index.html'));
    return await realpath(rendererDir);
  } catch {
    throw new Error(`dashboard page not found in ${rendererDir}; run \`npm run build\` first`);
  }
}

function listenError(error: NodeJS.ErrnoException, port: number): string {
  if (error.code === 'EADDRINUSE') return `port ${port} on ${LOOPBACK} is already in use`;
  if (error.code === 'EACCES') return `not allowed to listen on port ${port}`;
  return `cannot listen on ${LOOPBACK}:${port}: ${errorLine(error)}`;
}
