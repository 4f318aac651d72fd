/**
 * The one-line answer to "is apsd all right?": a level, a headline and reasons with numbers, built
 * from the same parts every side renders, so the menu bar, CLI and dashboard never disagree.
 */
import { describeNotAttributed } from '../../shared/not-attributed-text';
import {
  VERDICT_RANK,
  type ConnectionSummary,
  type NotAttributed,
  type DaemonInfo,
  type LogSummary,
  type PartStatus,
  type SourceInfo,
  type SpikeState,
  type Verdict,
} from '../../shared/snapshot';
import type { PushClients } from '../../shared/push-clients';
import { logSourceFinding } from './verdict-log-findings';
import { pushClientFindings } from './verdict-push-findings';
import {
  daemonFindings,
  finWait1Findings,
  leafCertificateFinding,
  linkFinding,
  serviceLabel,
  trustFailureFinding,
  type Finding,
} from './verdict-findings';

export interface VerdictInput {
  connections: ConnectionSummary;
  logs: LogSummary;
  /** The detector's state; `quietReason: 'wake'` turns an active spike from alert into watch. */
  spike: SpikeState;
  daemon: DaemonInfo;
  /** Without it "not running" could be a failed check misread as a stopped daemon. */
  daemonStatus: PartStatus;
  daemonDetail: string | null;
  socketsStatus: PartStatus;
  socketsDetail: string | null;
  /** Rows read and not attributed; redacted or cut ones are named in the verdict. */
  socketsNotAttributed?: NotAttributed;
  daemonName: string;
  /** Where the snapshot was taken (`host.platform`): a stopped apsd matters only on a Mac. */
  platform: string;
  /** What the peers are, e.g. "Apple's push service"; from the watch rules (describeWatchedPeers). */
  peersLabel?: string;
  now: Date;
  /** Where the log lines came from and how many were read; absent means not part of the input. */
  logsSource?: SourceInfo['logs'];
  /** apsd's own client list (apsctl status); absent where not read. */
  pushClients?: PushClients;
  /** Whether a network interface has a routable address; null when not checked. */
  networkUp?: boolean | null;
}

/** What the socket part can and cannot support this time: no stale or absent data read as fact. */
function socketFindings(input: VerdictInput): (Finding | null)[] {
  const detail = input.socketsDetail ? `: ${input.socketsDetail}` : '';
  if (input.socketsStatus === 'skipped') return [];
  if (input.socketsStatus === 'starting')
    return [
      {
        level: 'ok',
        headline: 'Starting: waiting for the first sample',
        reason: 'Waiting for the first sample',
      },
    ];
  if (input.socketsStatus === 'failed' || input.socketsStatus === 'unavailable') {
    const text = `Could not read ${input.daemonName}'s connections${detail}`;
    return [{ level: 'watch', headline: text, reason: text }];
  }
  const unsure = unattributedFindings(input);
  // With no row attributed but rows whose owner is unknown, "no connection" would claim too much.
  const unknownOnly = input.connections.total === 0 && unsure.length > 0;
  return [
    unknownOnly
      ? null
      : linkFinding(
          input.connections,
          input.daemon,
          input.daemonStatus,
          input.daemonName,
          input.peersLabel ?? serviceLabel(input.daemonName),
        ),
    ...unsure.map((reason, i) => ({
      level: unknownOnly ? ('watch' as const) : ('ok' as const),
      headline: unknownOnly && i === 0 ? reason : null,
      reason,
    })),
    ...(unknownOnly && input.connections.finWait1.count === 0
      ? []
      : finWait1Findings(input.connections.finWait1, input.spike, input.now)),
  ];
}

/** Rows that may be the daemon's but could not be told (redacted, missing, cut): said, not dropped. */
function unattributedFindings(input: VerdictInput): string[] {
  const others = input.socketsNotAttributed;
  if (!others) return [];
  const { peerUnknown, mayBeWatched } = others;
  return describeNotAttributed({ peerUnknown, mayBeWatched, byReason: {} }, input.daemonName);
}

export function buildVerdict(input: VerdictInput): Verdict {
  const found: (Finding | null)[] = [
    trustFailureFinding(input.logs, input.now),
    input.logsSource ? logSourceFinding(input.logsSource, input.platform) : null,
    ...socketFindings(input),
    ...daemonFindings(
      input.daemon,
      input.daemonStatus,
      input.daemonDetail,
      input.daemonName,
      input.platform,
      input.now,
    ),
    leafCertificateFinding(input.logs),
    ...pushClientFindings(input.pushClients, input.networkUp ?? null, input.platform, input.now),
  ];
  // A stable sort keeps the listed priority within each level.
  const findings = found
    .filter((f): f is Finding => f !== null)
    .sort((a, b) => VERDICT_RANK[b.level] - VERDICT_RANK[a.level]);
  const level = findings[0]?.level ?? 'ok';
  const lead = findings.find((f) => f.level === level && f.headline !== null);
  // Without a leading finding the first reason leads (scan-logs' leaf count), said once.
  return {
    level,
    headline:
      lead?.headline ?? findings[0]?.reason ?? `Nothing to report about ${input.daemonName}`,
    reasons: findings.map((f) => f.reason),
  };
}
