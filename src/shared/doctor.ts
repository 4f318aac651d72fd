/**
 * The push-path check (`apsd-watch doctor`, the popover's "Check the push network"): what it found on
 * each way a Mac reaches Apple's push service, and one summary. Shared by the engine, the CLI, the
 * report and the views, so each shows the same result.
 */

/** The ways to Apple's push service the check tries; also the `path` label of apsd_push_path_ok. */
export const PUSH_PATHS = ['direct_5223', 'direct_443', 'proxy_5223', 'proxy_443'] as const;
export type PushPath = (typeof PUSH_PATHS)[number];

/** How a direct TCP dial ended. */
export type TcpOutcome = 'connected' | 'refused' | 'timed-out' | 'no-route' | 'no-name' | 'error';

/** How an HTTP CONNECT through a proxy ended. */
export type ConnectOutcome =
  | 'tunnel'
  | 'forbidden'
  | 'auth-required'
  | 'other-status'
  | 'proxy-unreachable'
  | 'timed-out'
  | 'error';

/** What the TLS chain on an opened path was, judged by the probe's Apple push policy. */
export interface TlsFinding {
  /** apple: verifies as Apple's push chain; intercepted: any other chain; unverifiable: Apple's
   * markers but no trusted root here (off a Mac); failed: no chain came. */
  kind: 'apple' | 'intercepted' | 'unverifiable' | 'failed';
  /** The leaf's issuer, as the organisation and common name it claims. */
  issuerOrganization: string | null;
  issuerCommonName: string | null;
  /** A known inspection product the issuer's name reads like: a hint, never the verdict. */
  productHint: string | null;
  /** One line: why this kind. */
  detail: string;
}

export interface PathAttempt {
  path: PushPath;
  /** The courier name dialled (or asked of the proxy). */
  host: string;
  port: number;
  /** The address dialled directly; null through a proxy or when the name did not resolve. */
  address: string | null;
  /** The proxy used, `host:port`; null for a direct path. */
  proxy: string | null;
  outcome: TcpOutcome | ConnectOutcome;
  /** One line for a person. */
  detail: string;
  /** Set on a path that opened. */
  tls: TlsFinding | null;
  ms: number;
}

export interface NameAnswer {
  host: string;
  addresses: string[];
  /** Addresses outside 17.0.0.0/8 and Apple's listed push ranges. */
  outside: string[];
  /** Why it did not resolve; null when it did. */
  error: string | null;
  ms: number;
}

export interface ProxyChoice {
  /** `host:port` */
  proxy: string;
  /** Where it came from, in words: "PAC file http://…", "HTTPS proxy in the network settings". */
  source: string;
}

export interface ProxyFindings {
  /** What the settings say, one line each (no secrets: user names are not kept). */
  lines: string[];
  /** The HTTP proxy the check tries for the courier URLs; null when none applies. */
  chosen: ProxyChoice | null;
  /** Problems reading the settings or the PAC file, one line each. */
  problems: string[];
}

type StepStatus = 'ok' | 'warning' | 'failed' | 'not-run' | 'info';

export interface DoctorStep {
  id: 'proxy' | 'names' | 'direct' | 'proxy-connect' | 'tls';
  title: string;
  status: StepStatus;
  /** One line each, for a person. */
  lines: string[];
  ms: number;
}

type DoctorSummaryKind = 'open-5223' | 'fallback-443' | 'blocked' | 'intercepted';

export interface DoctorResult {
  at: string;
  summary: {
    kind: DoctorSummaryKind;
    headline: string;
    /** What an admin does next. */
    nextStep: string;
  };
  steps: DoctorStep[];
  proxy: ProxyFindings;
  names: NameAnswer[];
  paths: PathAttempt[];
  /** Per-path result, the same values the metrics carry. */
  pathOk: Record<PushPath, boolean>;
  intercepted: boolean;
  totalMs: number;
}

/** Said before the check starts: it contacts the network, and only because it was asked to. */
export const DOCTOR_NETWORK_NOTICE =
  "Checking the push network: this contacts Apple's push servers (name lookups, TCP 5223 and 443, TLS) and any proxy the settings name, now, because you asked.";
