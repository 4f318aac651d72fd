/**
 * The push-path check's connections: a direct TCP dial, an HTTP CONNECT through a proxy, and TLS
 * over whatever opened, judged by the certificate probe's Apple push policy. Each never throws and
 * never outlives its timeout.
 */
import { connect, type Socket } from 'node:net';
import type { ConnectOutcome, TcpOutcome, TlsFinding } from '../../shared/doctor';
import { errorLine } from '../../shared/error-line';
import type { ProbeResult } from '../../shared/probe';
import { probeCertificates } from '../probe/probe-certificates';
import { inspectionProductHint } from './inspection-products';

export type Opened<O> =
  | { open: true; outcome: O; socket: Socket; detail: string }
  | { open: false; outcome: O; detail: string };

const NO_ROUTE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL', 'EHOSTDOWN']);
const NO_NAME = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);

/** Opens a TCP connection and says how it ended: connected, refused, timed out, no route, no name. */
export function dialTcp(
  host: string,
  port: number,
  timeoutMs: number,
): Promise<Opened<TcpOutcome>> {
  const where = endpoint(host, port);
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({
        open: false,
        outcome: 'timed-out',
        detail: `${where}: no answer within ${seconds(timeoutMs)} (dropped)`,
      });
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.on('error', () => undefined);
      resolve({ open: true, outcome: 'connected', socket, detail: `${where}: connected` });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ open: false, ...describeDialError(error, where) });
    });
  });
}

function describeDialError(
  error: NodeJS.ErrnoException,
  where: string,
): { outcome: TcpOutcome; detail: string } {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET')
    return { outcome: 'refused', detail: `${where}: refused (reset)` };
  if (code === 'ETIMEDOUT')
    return { outcome: 'timed-out', detail: `${where}: timed out (dropped)` };
  if (NO_ROUTE.has(code)) return { outcome: 'no-route', detail: `${where}: no route (${code})` };
  if (NO_NAME.has(code))
    return { outcome: 'no-name', detail: `${where}: the name did not resolve` };
  return { outcome: 'error', detail: `${where}: ${errorLine(error)}` };
}

/** Longest proxy answer read: a CONNECT reply is a status line and a few headers. */
const MAX_PROXY_REPLY = 16 * 1024;

/**
 * Asks an HTTP proxy for a tunnel with CONNECT and reads its status: tunnel opened, refused (403),
 * authentication required (407), another status, or the proxy unreachable. Credentials are never sent.
 */
export function connectThroughProxy(
  proxyHost: string,
  proxyPort: number,
  targetHost: string,
  targetPort: number,
  timeoutMs: number,
): Promise<Opened<ConnectOutcome>> {
  const proxy = endpoint(proxyHost, proxyPort);
  const target = endpoint(targetHost, targetPort);
  return new Promise((resolve) => {
    let settled = false;
    const socket = connect({ host: proxyHost, port: proxyPort });
    const finish = (result: Opened<ConnectOutcome>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners('data');
      if (!result.open) socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        finish({
          open: false,
          outcome: 'timed-out',
          detail: `proxy ${proxy} did not answer CONNECT ${target} within ${seconds(timeoutMs)}`,
        }),
      timeoutMs,
    );
    let reply = Buffer.alloc(0);
    socket.once('connect', () =>
      socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`),
    );
    socket.on('data', (chunk: Buffer) => {
      reply = Buffer.concat([reply, chunk]);
      const end = reply.indexOf('\r\n\r\n');
      if (end < 0) {
        if (reply.length > MAX_PROXY_REPLY)
          finish({
            open: false,
            outcome: 'error',
            detail: `proxy ${proxy} sent over ${MAX_PROXY_REPLY / 1024} KB without ending its reply`,
          });
        return;
      }
      const statusLine = reply.subarray(0, reply.indexOf('\r\n')).toString('latin1');
      const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine)?.[1];
      if (status === undefined) {
        finish({
          open: false,
          outcome: 'error',
          detail: `proxy ${proxy} answered CONNECT with something other than HTTP: ${JSON.stringify(statusLine.slice(0, 60))}`,
        });
        return;
      }
      const rest = reply.subarray(end + 4);
      if (status.startsWith('2')) {
        // Bytes after the header already belong to the tunnel.
        if (rest.length > 0) socket.unshift(rest);
        socket.removeAllListeners('error');
        socket.on('error', () => undefined);
        finish({
          open: true,
          outcome: 'tunnel',
          socket,
          detail: `proxy ${proxy} opened a tunnel to ${target} (${statusLine.trim()})`,
        });
      } else if (status === '403')
        finish({
          open: false,
          outcome: 'forbidden',
          detail: `proxy ${proxy} refused CONNECT to ${target} (403 Forbidden)`,
        });
      else if (status === '407')
        finish({
          open: false,
          outcome: 'auth-required',
          detail: `proxy ${proxy} wants authentication for CONNECT to ${target} (407)`,
        });
      else
        finish({
          open: false,
          outcome: 'other-status',
          detail: `proxy ${proxy} answered CONNECT to ${target} with ${statusLine.trim().slice(0, 80)}`,
        });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const { detail } = describeDialError(error, proxy);
      finish({ open: false, outcome: 'proxy-unreachable', detail: `proxy unreachable: ${detail}` });
    });
    socket.once('close', () =>
      finish({
        open: false,
        outcome: 'error',
        detail: `proxy ${proxy} closed the connection before answering CONNECT ${target}`,
      }),
    );
  });
}

export interface TlsOptions {
  servername: string;
  timeoutMs: number;
  /** Extra trusted roots (PEM): the tests' stand-in for Apple's root. */
  ca?: string[];
  platform?: NodeJS.Platform;
}

/** TLS over an opened connection, its chain judged by the probe's Apple push policy. */
export async function checkTls(
  socket: Socket,
  host: string,
  port: number,
  options: TlsOptions,
): Promise<TlsFinding> {
  const platform = options.platform ?? process.platform;
  const result = await probeCertificates(
    { host, port, servername: options.servername },
    { timeoutMs: options.timeoutMs, ca: options.ca, platform, socket },
  );
  socket.destroy();
  return tlsFinding(result, platform === 'darwin');
}

/** The probe's verdict as the check's finding: Apple's chain, intercepted, or not judged. */
function tlsFinding(result: ProbeResult, onMac: boolean): TlsFinding {
  const leaf = result.chain[0];
  const issuerOrganization = leaf ? nameField(leaf.issuer, 'O') : null;
  const issuerCommonName = leaf ? nameField(leaf.issuer, 'CN') : null;
  const base = { issuerOrganization, issuerCommonName, productHint: null };
  switch (result.verdict.kind) {
    case 'apple-chain':
    case 'apple-chain-generic-leaf':
      return {
        ...base,
        kind: 'apple',
        detail: `Apple's push chain (verified to ${result.trustedRoot ?? 'a trusted root'})`,
      };
    case 'unreachable':
      return {
        ...base,
        kind: 'failed',
        detail: `no certificate: ${result.unreachable?.detail ?? result.verdict.headline}`,
      };
    case 'not-apple': {
      // Off a Mac Apple's roots are missing: a chain that carries Apple's markers cannot be judged.
      const marked =
        leaf?.appleMarker === 'leaf' &&
        result.chain.slice(1).some((certificate) => certificate.appleMarker === 'intermediate');
      if (!onMac && marked && result.trustedRoot === null)
        return {
          ...base,
          kind: 'unverifiable',
          detail:
            "carries Apple's push markers, but Apple's roots are not on this machine to verify it",
        };
      return {
        ...base,
        kind: 'intercepted',
        productHint: inspectionProductHint(issuerOrganization, issuerCommonName),
        detail: `not Apple's push chain: ${result.verdict.reasons[0] ?? result.verdict.headline}`,
      };
    }
  }
}

/** `O=Zscaler Inc., CN=Zscaler Intermediate Root CA` -> one field's value, or null. */
function nameField(name: string, field: 'O' | 'CN'): string | null {
  const match = new RegExp(`(?:^|, |\\n)${field}=(.*?)(?=, [A-Za-z.]+=|\\n|$)`).exec(name);
  return match?.[1] ?? null;
}

export function endpoint(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
