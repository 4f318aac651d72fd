/** The certificate probe's result: what the push server presented when the user asked. */

export type ProbeVerdictKind =
  'apple-chain' | 'apple-chain-generic-leaf' | 'not-apple' | 'unreachable';

export interface ProbeCertificate {
  subject: string;
  issuer: string;
  sans: string[];
  sha256: string;
  validFrom: string;
  validTo: string;
  keyUsage: string[];
  /** Which of Apple's push marker OIDs the certificate carries: 'leaf', 'intermediate' or null. */
  appleMarker: 'leaf' | 'intermediate' | null;
}

export interface ProbeResult {
  host: string;
  port: number;
  servername: string;
  at: string;
  verdict: { kind: ProbeVerdictKind; headline: string; reasons: string[] };
  chain: ProbeCertificate[];
  /** Whether Node's TLS stack verified the chain to the system's roots, and why not. */
  chainVerified: boolean;
  verifyError: string | null;
  alpn: string | null;
  protocol: string | null;
}

export interface ProbeRequest {
  host?: string;
  port?: number;
  servername?: string;
}
