/**
 * One finding per fact the verdict can state, each with its level, in words that claim no more
 * than docs/sources.md backs (FIN_WAIT_1 is not an attack; connected needs an ESTABLISHED socket).
 */
import type {
  ConnectionSummary,
  DaemonInfo,
  LogSummary,
  PartStatus,
  SpikeState,
  VerdictLevel,
} from '../../shared/snapshot';
import { APSD_PLIST } from '../../shared/explainer-content';
import { formatBytes, formatClock, formatCount, formatDuration } from '../../shared/format';
import { describeRhythm, isRegular } from '../../shared/periodicity-text';
import { DEFAULT_DAEMON_NAME } from '../../shared/settings';

export interface Finding {
  level: VerdictLevel;
  /** Only findings that can lead the verdict carry a headline. */
  headline: string | null;
  reason: string;
}

const DAY_MS = 24 * 60 * 60_000;
/** A restart this recent is worth a look; launchd restarts apsd after a crash or `killall`. */
const RECENT_RESTART_MS = 30 * 60_000;

/** Custom watch rules may point elsewhere; only apsd's peers are "Apple's push service". */
export function serviceLabel(daemonName: string): string {
  return daemonName === DEFAULT_DAEMON_NAME
    ? "Apple's push service"
    : `${daemonName}'s watched peers`;
}

function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** A trust failure is what an interception looks like: an alert for a day, then still a reason to look. */
export function trustFailureFinding(logs: LogSummary, now: Date): Finding | null {
  const trust = logs.periodicity['trust-failure'];
  const last = trust.lastSeen ? new Date(trust.lastSeen) : null;
  if (!last || Number.isNaN(last.getTime())) return null;
  const count = Math.max(trust.count, logs.byKind['trust-failure'], 1);
  const at = formatClock(last, now);
  const what =
    count === 1
      ? `Trust failure at ${at}`
      : `${formatCount(count)} trust failures, the latest at ${at}`;
  if (now.getTime() - last.getTime() > DAY_MS)
    return {
      level: 'watch',
      headline: `apsd reported ${count === 1 ? 'a trust failure' : 'trust failures'} more than a day ago`,
      reason: `${what}, more than a day ago: possible interception then`,
    };
  return {
    level: 'alert',
    headline: `apsd reported a trust failure at ${at}: possible interception`,
    reason: `${what}: possible interception`,
  };
}

/** "412 connections lingering in FIN_WAIT_1 (oldest 47 min, 58 KB unsent)". */
function lingeringText(finWait1: ConnectionSummary['finWait1']): string {
  const details: string[] = [];
  if (finWait1.oldestAgeSeconds !== null)
    details.push(`oldest ${formatDuration(finWait1.oldestAgeSeconds)}`);
  if (finWait1.sendQueueBytes > 0) details.push(`${formatBytes(finWait1.sendQueueBytes)} unsent`);
  const base = `${plural(finWait1.count, 'connection', 'connections')} lingering in FIN_WAIT_1`;
  return details.length > 0 ? `${base} (${details.join(', ')})` : base;
}

const FIN_WAIT_1_MEANING =
  'FIN_WAIT_1 means this Mac closed the connection and the peer has not acknowledged it yet: ' +
  'such sockets hold kernel memory until acknowledged or timed out, and alone are no sign of an attack';

export function finWait1Findings(
  finWait1: ConnectionSummary['finWait1'],
  spike: SpikeState & { quietReason?: 'wake' | 'cooldown' | null },
  now: Date,
): Finding[] {
  const usual =
    spike.baselineSamples > 0
      ? `the usual level is about ${formatCount(Math.round(spike.baseline))}`
      : 'no usual level is known yet';
  if (spike.active) {
    const since = spike.since ? formatClock(new Date(spike.since), now) : null;
    const afterWake = spike.quietReason === 'wake';
    return [
      {
        level: afterWake ? 'watch' : 'alert',
        headline: afterWake
          ? `FIN_WAIT_1 pile-up after waking from sleep: ${formatCount(finWait1.count)} connections`
          : `FIN_WAIT_1 spike: ${formatCount(finWait1.count)} connections lingering`,
        reason: lingeringText(finWait1),
      },
      {
        level: 'ok',
        headline: null,
        reason: afterWake
          ? `It began just after a wake from sleep, when such pile-ups are common; ${usual}`
          : `A spike${since ? ` since ${since}` : ''}: ${usual}, the spike level ${formatCount(spike.threshold)}`,
      },
      { level: 'ok', headline: null, reason: FIN_WAIT_1_MEANING },
    ];
  }
  if (finWait1.count === 0)
    return [{ level: 'ok', headline: null, reason: 'No connection in FIN_WAIT_1' }];
  if (finWait1.count >= spike.threshold)
    return [
      {
        level: 'watch',
        headline: `FIN_WAIT_1 above the usual level: ${formatCount(finWait1.count)} connections`,
        reason: `${lingeringText(finWait1)}: at or above the spike level of ${formatCount(spike.threshold)}, not yet sustained`,
      },
      { level: 'ok', headline: null, reason: FIN_WAIT_1_MEANING },
    ];
  return [{ level: 'ok', headline: null, reason: `${lingeringText(finWait1)}: ${usual}` }];
}

export function linkFinding(
  connections: Pick<ConnectionSummary, 'established' | 'observedSeconds'>,
  daemon: DaemonInfo,
  daemonStatus: PartStatus,
  daemonName: string,
  service: string,
): Finding | null {
  const { established } = connections;
  const longest = established.longest;
  const seenFor =
    connections.observedSeconds > 0 ? `, seen for ${formatDuration(longest?.ageSeconds ?? 0)}` : '';
  if (established.count > 0 && longest) {
    const what =
      established.count === 1
        ? '1 ESTABLISHED connection'
        : `${formatCount(established.count)} ESTABLISHED connections, the longest`;
    return {
      level: 'ok',
      headline: `${daemonName} has an ESTABLISHED connection to ${service}`,
      reason: `Connected: ${what} to ${longest.peer}${seenFor}`,
    };
  }
  // Said once, by daemonFindings, whether or not the socket sample worked.
  if (daemonStatus === 'ok' && !daemon.running) return null;
  return {
    level: 'watch',
    headline: `No ESTABLISHED connection to ${service}`,
    reason: `No ESTABLISHED connection to ${service}`,
  };
}

/**
 * On a Mac a stopped apsd means no push arrives (docs/sources.md: disabling apsd breaks iMessage,
 * FaceTime, Find My, iCloud push; MDM uses it), so it is `watch`; elsewhere it cannot run at all.
 */
function notRunningFinding(daemonName: string, platform: string): Finding {
  if (platform !== 'darwin') {
    const text =
      daemonName === DEFAULT_DAEMON_NAME
        ? `This is not a Mac (${platform}): apsd runs only on macOS`
        : `${daemonName} is not running on this machine`;
    return { level: 'ok', headline: text, reason: text };
  }
  if (daemonName !== DEFAULT_DAEMON_NAME) {
    const text = `${daemonName} is not running on this Mac`;
    return { level: 'watch', headline: text, reason: text };
  }
  return {
    level: 'watch',
    headline: 'apsd is not running: no push notification can arrive',
    reason:
      'apsd is not running: without it Messages, FaceTime, Find My, iCloud push and device management get no pushes. ' +
      `launchd normally starts it again by itself; if it was unloaded, sudo launchctl load -w ${APSD_PLIST} ` +
      'loads it again (not tried by this app; with System Integrity Protection on, whether macOS 14 and later allow it is not confirmed)',
  };
}

export function daemonFindings(
  daemon: DaemonInfo,
  daemonStatus: PartStatus,
  daemonDetail: string | null,
  daemonName: string,
  platform: string,
  now: Date,
): Finding[] {
  if (daemonStatus === 'failed' || daemonStatus === 'unavailable') {
    const text = `Could not check whether ${daemonName} is running${daemonDetail ? `: ${daemonDetail}` : ''}`;
    return [{ level: 'watch', headline: text, reason: text }];
  }
  if (daemonStatus === 'ok' && !daemon.running) return [notRunningFinding(daemonName, platform)];
  const restarted = daemon.restartedAt ? new Date(daemon.restartedAt) : null;
  if (!restarted || Number.isNaN(restarted.getTime())) return [];
  if (now.getTime() - restarted.getTime() > RECENT_RESTART_MS) return [];
  const at = formatClock(restarted, now);
  return [
    {
      level: 'watch',
      headline: `${daemonName} restarted at ${at}`,
      reason: `${daemonName} restarted at ${at}${daemon.pid !== null ? ` (now pid ${daemon.pid})` : ''}`,
    },
  ];
}

/** The benign, well-known message: counted and put in context, never an alarm. */
export function leafCertificateFinding(logs: LogSummary): Finding | null {
  const leaf = logs.periodicity['leaf-certificate'];
  const count = Math.max(leaf.count, logs.byKind['leaf-certificate']);
  if (count === 0) return null;
  // "twice" or "in 2 bursts" would repeat the count; only a known rhythm adds to it.
  const rhythm = isRegular(leaf) === null ? null : describeRhythm(leaf);
  const times = count === 1 ? 'once' : `${formatCount(count)} times`;
  return {
    level: 'ok',
    headline: null,
    reason: `'Unrecognized leaf certificate' ${times}${rhythm ? `, ${rhythm}` : ''}: a known message, reported as benign`,
  };
}
