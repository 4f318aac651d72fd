/**
 * The certificate probe: the one network connection the app makes, and only when the user asks.
 * It dials a push server as apsd would (SNI, ALPN), keeps the chain it presents and judges it.
 */
import type { LookupFunction } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ProbeRequest, ProbeResult } from '../../shared/probe';
import { dialForChain } from './capture-chain';
import { describeCertificate, type DescribedCertificate } from './certificate-details';
import { judgeChain, unreachableVerdict } from './probe-verdict';
import { loadTrustAnchors } from './trust-anchors';
import { verifyChain } from './verify-chain';
import { errorLine } from '../../shared/error-line';

/** A numbered courier host with the generic SNI name, as apsd connects (pypush lifecycle/transport). */
export const PROBE_DEFAULTS = {
  host: '1-courier.push.apple.com',
  port: 5223,
  servername: 'courier.push.apple.com',
  alpn: 'apns-security-v3',
  timeoutMs: 10_000,
} as const;

export interface ProbeOptions {
  timeoutMs?: number;
  /** Extra trusted roots (PEM), for tests. */
  ca?: string[];
  /** Name resolution, for tests that dial a courier name on loopback. */
  lookup?: LookupFunction;
  /** Defaults to process.platform; decides whether the Mac's system roots are loaded. */
  platform?: NodeJS.Platform;
  /** Run TLS over this open connection instead of dialling (the push-path check's tunnels). */
  socket?: Duplex;
}

/** Probes once and always resolves with a verdict: never throws, never hangs past the timeout. */
export async function probeCertificates(
  request: ProbeRequest,
  options: ProbeOptions = {},
): Promise<ProbeResult> {
  const host = request.host ?? PROBE_DEFAULTS.host;
  const port = request.port ?? PROBE_DEFAULTS.port;
  const servername = request.servername ?? PROBE_DEFAULTS.servername;
  const platform = options.platform ?? process.platform;
  const base = {
    host,
    port,
    servername,
    at: new Date().toISOString(),
    chain: [],
    chainVerified: false,
    verifyError: null,
    alpn: null,
    protocol: null,
    trustedRoot: null,
    closedWith: null,
    unreachable: null,
  } satisfies Omit<ProbeResult, 'verdict'>;
  const where = `${host}:${port}`;

  const outcome = await dialForChain({
    host,
    port,
    servername,
    alpn: [PROBE_DEFAULTS.alpn],
    timeoutMs: options.timeoutMs ?? PROBE_DEFAULTS.timeoutMs,
    lookup: options.lookup,
    socket: options.socket,
  });
  if (!outcome.ok)
    return {
      ...base,
      verdict: unreachableVerdict(where, outcome.detail),
      unreachable: { cause: outcome.cause, detail: outcome.detail },
    };

  const described: DescribedCertificate[] = [];
  for (const der of outcome.chain) {
    try {
      described.push(describeCertificate(der));
    } catch (error) {
      const detail = `${where} sent an ${errorLine(error)}`;
      return {
        ...base,
        protocol: outcome.protocol,
        closedWith: outcome.closedWith,
        verdict: {
          kind: 'not-apple',
          headline: "Not Apple's push chain: this connection could be intercepted.",
          reasons: [`${detail}.`],
        },
      };
    }
  }
  const trust = await loadTrustAnchors({ platform, extraPem: options.ca });
  const x509 = described.map((entry) => entry.x509);
  const check = verifyChain(x509, trust.anchors, new Date());
  const chain = described.map((entry) => entry.certificate);
  const verdict = judgeChain({
    host,
    servername,
    chain,
    leaf: x509[0]!,
    check,
    readProblems: described.flatMap((entry) => (entry.problem ? [entry.problem] : [])),
    closedWith: outcome.closedWith,
    onMac: platform === 'darwin',
  });
  verdict.reasons.push(...trust.warnings.map((warning) => `Trusted roots: ${warning}.`));
  return {
    ...base,
    chain,
    chainVerified: check.verified,
    verifyError: check.verified ? null : (check.problems[0]?.message ?? 'not verified'),
    trustedRoot: check.trustedRoot,
    alpn: outcome.alpn,
    protocol: outcome.protocol,
    closedWith: outcome.closedWith,
    verdict,
  };
}
