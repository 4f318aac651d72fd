/**
 * One TLS dial that keeps the server's certificates whatever happens next. A push server demands a
 * client certificate: under TLS 1.2 it aborts before `secureConnect`, so the chain is taken when
 * OpenSSL reports the server's first flight (the OCSP status callback, which runs whether or not a
 * response was stapled) and again at `secureConnect` as a fallback.
 */
import type { LookupFunction } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  connect,
  type ConnectionOptions,
  type DetailedPeerCertificate,
  type TLSSocket,
  type TLSSocketOptions,
} from 'node:tls';
import type { ProbeUnreachableCause } from '../../shared/probe';
import { errorLine } from '../../shared/error-line';

export interface DialOptions {
  host: string;
  port: number;
  servername: string;
  alpn: string[];
  timeoutMs: number;
  /** Name resolution; tests map a numbered courier name onto loopback. */
  lookup?: LookupFunction;
  /** A connection already open (a proxy's CONNECT tunnel, a dialled TCP socket) to run TLS over. */
  socket?: Duplex;
}

export type DialOutcome =
  | {
      ok: true;
      /** DER certificates, leaf first, in issuing order, exactly as the server sent them. */
      chain: Buffer[];
      protocol: string | null;
      alpn: string | null;
      /** How the server ended things after its certificates (one line); null on a clean handshake. */
      closedWith: string | null;
    }
  | { ok: false; cause: ProbeUnreachableCause; detail: string };

/** Dials once; never throws, never outlives `timeoutMs`. */
export function dialForChain(options: DialOptions): Promise<DialOutcome> {
  const where = `${options.host}:${options.port}`;
  return new Promise((resolve) => {
    let chain: Buffer[] | null = null;
    let protocol: string | null = null;
    let alpn: string | null = null;
    let settled = false;
    let socket: TLSSocket | null = null;

    const finish = (outcome: DialOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket?.destroy();
      resolve(outcome);
    };
    const succeed = (closedWith: string | null) =>
      finish({ ok: true, chain: chain ?? [], protocol, alpn, closedWith });
    const timer = setTimeout(() => {
      const seconds = Math.round(options.timeoutMs / 100) / 10;
      if (chain) succeed(`no further answer within ${seconds} s`);
      else
        finish({
          ok: false,
          cause: 'timeout',
          detail: `${where} did not answer within ${seconds} s`,
        });
    }, options.timeoutMs);

    // tls.connect passes requestOCSP on to its TLSSocket; @types/node lists it only there.
    const connectOptions: ConnectionOptions & Pick<TLSSocketOptions, 'requestOCSP'> = {
      host: options.host,
      port: options.port,
      servername: options.servername,
      ALPNProtocols: options.alpn,
      requestOCSP: true,
      // No roots and no rejection here: the chain is judged afterwards by verifyChain, and an
      // empty store keeps Node from appending local roots the server never sent.
      ca: [],
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
      minVersion: 'TLSv1.2',
      ...(options.lookup ? { lookup: options.lookup } : {}),
      ...(options.socket ? { socket: options.socket } : {}),
    };
    try {
      socket = connect(connectOptions);
    } catch (error) {
      finish({ ok: false, cause: 'error', detail: `${where}: ${errorLine(error)}` });
      return;
    }
    const tlsSocket = socket;
    const capture = () => {
      if (chain) return;
      const found = peerChain(tlsSocket.getPeerCertificate(true));
      if (found.length === 0) return;
      chain = found;
      protocol = tlsSocket.getProtocol() ?? null;
    };
    tlsSocket.on('OCSPResponse', capture);
    tlsSocket.on('secureConnect', () => {
      capture();
      alpn = typeof tlsSocket.alpnProtocol === 'string' ? tlsSocket.alpnProtocol : null;
      if (chain) succeed(null);
      else
        finish({
          ok: false,
          cause: 'error',
          detail: `${where} completed TLS without a certificate`,
        });
    });
    tlsSocket.on('error', (error: NodeJS.ErrnoException) => {
      if (chain) succeed(describeTlsError(error));
      else finish(classifyFailure(error, options.host, where));
    });
    tlsSocket.on('close', () => {
      if (chain) succeed('connection closed');
      else
        finish({
          ok: false,
          cause: 'closed',
          detail: `${where} closed the connection before any certificate`,
        });
    });
  });
}

/** Follows Node's issuer links from the leaf, stopping at a self-issued certificate or a repeat. */
function peerChain(leaf: DetailedPeerCertificate): Buffer[] {
  const chain: Buffer[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = leaf;
  while (current?.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(current.raw);
    current = current.issuerCertificate;
  }
  return chain;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const NETWORK_CODES = new Set([
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'EHOSTDOWN',
]);

function classifyFailure(error: NodeJS.ErrnoException, host: string, where: string): DialOutcome {
  const code = error.code ?? '';
  if (DNS_CODES.has(code))
    return { ok: false, cause: 'dns', detail: `no address found for ${host} (${code})` };
  if (code === 'ECONNREFUSED')
    return { ok: false, cause: 'refused', detail: `${where} refused the connection` };
  if (code === 'ETIMEDOUT')
    return { ok: false, cause: 'timeout', detail: `${where}: connection timed out` };
  if (NETWORK_CODES.has(code))
    return { ok: false, cause: 'network', detail: `${where} is unreachable (${code})` };
  if (code.startsWith('ERR_SSL_') && code.includes('ALERT'))
    return {
      ok: false,
      cause: 'closed',
      detail: `${where} refused the TLS handshake before any certificate: ${describeTlsError(error)}`,
    };
  if (code.startsWith('ERR_SSL_'))
    return {
      ok: false,
      cause: 'not-tls',
      detail: `${where} does not speak TLS: ${describeTlsError(error)}`,
    };
  if (code === 'ECONNRESET' || code === 'EPIPE')
    return {
      ok: false,
      cause: 'closed',
      detail: `${where} closed the connection before any certificate`,
    };
  return { ok: false, cause: 'error', detail: `${where}: ${errorLine(error)}` };
}

/** OpenSSL's reason without its file and line noise: `tlsv13 alert certificate required`. */
function describeTlsError(error: NodeJS.ErrnoException): string {
  const reason = (error as { reason?: unknown }).reason;
  if (typeof reason === 'string' && reason) return reason;
  return errorLine(error);
}
