/** The certificate probe's result: what the push server presented when the user asked. */

type ProbeVerdictKind = 'apple-chain' | 'apple-chain-generic-leaf' | 'not-apple' | 'unreachable';

export interface ProbeCertificate {
  subject: string;
  issuer: string;
  /** DNS names as plain names; other kinds keep their prefix (`IP Address:17.57.146.23`). */
  sans: string[];
  sha256: string;
  validFrom: string;
  validTo: string;
  /** KeyUsage bits set (`digitalSignature`, `keyCertSign`, ...). */
  keyUsage: string[];
  /** Which of Apple's push marker OIDs the certificate carries: 'leaf', 'intermediate' or null. */
  appleMarker: 'leaf' | 'intermediate' | null;
  /** Extended key usages (`serverAuth`, ...; unknown ones as dotted OIDs). */
  extendedKeyUsage?: string[];
  /** basicConstraints CA flag. */
  isCa?: boolean;
  /** Issued by itself and signed by its own key. */
  selfSigned?: boolean;
}

/** Why no certificate arrived. */
export type ProbeUnreachableCause =
  'dns' | 'refused' | 'timeout' | 'network' | 'not-tls' | 'closed' | 'error';

export interface ProbeResult {
  host: string;
  port: number;
  servername: string;
  at: string;
  verdict: { kind: ProbeVerdictKind; headline: string; reasons: string[] };
  /** The certificates the server sent, leaf first, in issuing order. */
  chain: ProbeCertificate[];
  /** Whether the chain verified to a trusted root (Node's roots, the Mac's system roots), and why not. */
  chainVerified: boolean;
  verifyError: string | null;
  alpn: string | null;
  protocol: string | null;
  /** The trusted root the chain leads to (even if something else failed); null when none. */
  trustedRoot?: string | null;
  /** How the server ended the exchange after sending its certificates, if it did (one line). */
  closedWith?: string | null;
  /** Set with the `unreachable` verdict. */
  unreachable?: { cause: ProbeUnreachableCause; detail: string } | null;
}

export interface ProbeRequest {
  host?: string;
  port?: number;
  servername?: string;
}
