/**
 * Live lines for the explainer, read off one Snapshot. Pure (no Node, no DOM) so the popover can
 * use it; "working" is only ever said with an ESTABLISHED connection in hand.
 */
import { countOf, formatAgo, formatBytes, formatCount, formatDuration } from './format';
import type { ProbeResult } from './probe';
import { describeSeen } from './periodicity-text';
import type { PartStatus, Snapshot } from './snapshot';
import { describeSources, sourceLine } from './source-status-text';
import { courierText, notReadText, serviceRows } from './service-rows';

export const NO_LIVE_DATA = 'No live data yet.';

/** A part this snapshot holds no reading of: failed, unavailable, or skipped by the command. */
export function unread(status: PartStatus): boolean {
  return status === 'failed' || status === 'unavailable' || status === 'skipped';
}

function why(part: { detail: string | null; from: string }): string {
  return part.detail ?? `${part.from} gave no answer`;
}

/** Whether apsd runs, its pid, how long, and a restart if one was seen. */
export function daemonEvidence(snapshot: Snapshot): string[] {
  const { daemon, source, host } = snapshot;
  if (source.daemon.status === 'skipped')
    return [`Whether ${daemon.name} is running was not checked in this run.`];
  if (unread(source.daemon.status))
    return [`Whether ${daemon.name} is running is unknown: ${why(source.daemon)}.`];
  if (!daemon.running)
    return [
      host.platform === 'darwin'
        ? `${daemon.name} is not running: no process of that name was found.`
        : `${daemon.name} is not running: this computer is not a Mac (${host.platform}).`,
    ];
  const lines = [
    `${daemon.name} is running as pid ${daemon.pid ?? 'unknown'}` +
      (daemon.startedAt ? `, started ${formatAgo(daemon.startedAt, snapshot.takenAt)}.` : '.'),
  ];
  if (daemon.restartedAt)
    lines.push(
      `${daemon.name} was restarted ${formatAgo(daemon.restartedAt, snapshot.takenAt)} (its pid changed).`,
    );
  return lines;
}

/** The push link, the FIN_WAIT_1 leftovers and churn, or why sockets could not be read. */
export function connectionEvidence(snapshot: Snapshot): string[] {
  const { connections, source, spike } = snapshot;
  if (source.sockets.status === 'skipped') return ['Connections were not read in this run.'];
  if (unread(source.sockets.status))
    return [`Connections could not be read: ${why(source.sockets)}.`];
  if (source.sockets.status === 'starting')
    return ['Connections: the first sample is still being taken.'];
  const lines: string[] = [];
  const { established, finWait1 } = connections;
  const longest = established.longest;
  if (established.count === 0)
    lines.push('Push is not connected right now: no ESTABLISHED connection from apsd to Apple.');
  else if (!longest)
    lines.push(`Push is working: ${countOf(established.count, 'ESTABLISHED connection')}.`);
  else if (established.count === 1)
    lines.push(
      `Push is working: 1 ESTABLISHED connection to ${longest.peer} for at least ${formatDuration(longest.ageSeconds)}.`,
    );
  else
    lines.push(
      `Push is working: ${formatCount(established.count)} ESTABLISHED connections; the longest, to ${longest.peer}, for at least ${formatDuration(longest.ageSeconds)}.`,
    );
  if (finWait1.count === 0) lines.push('No connection is in FIN_WAIT_1.');
  else
    lines.push(
      `${countOf(finWait1.count, 'connection')} in FIN_WAIT_1 holding ${formatBytes(finWait1.sendQueueBytes)} unsent (Send-Q)` +
        (finWait1.oldestAgeSeconds !== null
          ? `; the oldest seen for ${formatDuration(finWait1.oldestAgeSeconds)}.`
          : '.'),
    );
  if (spike.active)
    lines.push(
      `That is a pile-up: above this Mac's usual ${formatCount(spike.baseline)} (alert level ${formatCount(spike.threshold)})` +
        (spike.since ? ` since ${formatAgo(spike.since, snapshot.takenAt)}.` : '.'),
    );
  if (connections.newPerHour !== null)
    lines.push(`${formatCount(connections.newPerHour)} new connections per hour so far.`);
  return lines;
}

/** Leaf-certificate lines with their rhythm, and trust failures or their absence. */
export function logEvidence(snapshot: Snapshot): string[] {
  const { logs, source } = snapshot;
  if (source.logs.status === 'skipped')
    return ['Logs were not read in this run: certificate messages are unknown.'];
  if (unread(source.logs.status))
    return [`Logs could not be read (${why(source.logs)}): certificate messages are unknown.`];
  if (source.logs.linesRead === 0)
    return [
      `No log line was read from ${source.logs.from}: certificate messages and trust failures are unknown.`,
    ];
  const leaf = logs.periodicity['leaf-certificate'];
  const lines = [
    leaf.count === 0
      ? 'No "Unrecognized leaf certificate" line in the logs read.'
      : `${countOf(leaf.count, '"Unrecognized leaf certificate" line')}: ${describeSeen(leaf, snapshot.takenAt)}.`,
  ];
  const trust = logs.periodicity['trust-failure'];
  if (trust.count === 0) lines.push('No trust failure seen in the logs read.');
  else {
    const latest = [...logs.recent].reverse().find((event) => event.kind === 'trust-failure');
    lines.push(
      `${countOf(trust.count, 'trust failure')} seen, the serious kind` +
        (trust.lastSeen ? `, the latest ${formatAgo(trust.lastSeen, snapshot.takenAt)}` : '') +
        (latest ? `: "${clip(latest.message)}"` : '') +
        '.',
    );
  }
  return lines;
}

/** Listed by name at most; the Services view and `apsd-watch services` list them all. */
const SERVICES_NAMED = 8;

/** This Mac's own push services, from apsctl status, or why they are not known. */
export function servicesEvidence(snapshot: Snapshot): string[] {
  const push = snapshot.pushClients;
  const source = snapshot.source.pushClients;
  if (!push || !source || source.status === 'skipped')
    return ["This Mac's own list of push services was not read in this run."];
  if (unread(source.status) || unread(push.status))
    return [
      `This Mac's own list of push services is unknown: ${notReadText(push, source.detail)}.`,
    ];
  const rows = serviceRows(push, snapshot.logs.topics?.byTopic ?? []);
  if (rows.length === 0) return [`apsd lists no push client on this Mac (${courierText(push)}).`];
  const names = [...new Set(rows.map((row) => row.service ?? row.topic))];
  const shown = names.slice(0, SERVICES_NAMED).join(', ');
  const more = names.length > SERVICES_NAMED ? ` and ${names.length - SERVICES_NAMED} more` : '';
  const lines = [
    `On this Mac, apsd serves ${countOf(names.length, 'service')}: ${shown}${more} (${courierText(push)}).`,
  ];
  const down = [
    ...new Set(
      rows.filter((row) => row.connected === false).map((row) => row.service ?? row.topic),
    ),
  ];
  if (down.length) lines.push(`Not connected now: ${down.join(', ')}.`);
  return lines;
}

/** The last probe, or a pointer to it. */
export function probeEvidence(probe: ProbeResult | null | undefined, now: string | null): string[] {
  if (!probe)
    return [
      "Not probed yet: the probe connects once to Apple's push server and shows its certificates.",
    ];
  const when = now ? ` ${formatAgo(probe.at, now)}` : '';
  return [`Probe of ${probe.host}:${probe.port}${when}: ${probe.verdict.headline}`];
}

/** Where this app's figures came from, so a reader can repeat the measurement. */
export function sourceEvidence(snapshot: Snapshot): string[] {
  return describeSources(snapshot.source, snapshot.daemon.name)
    .filter((part) => part.key !== 'daemon')
    .map((part) => `${sourceLine(part)}.`);
}

function clip(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}
