/**
 * The report's Markdown body, fit to paste into Feedback Assistant or a forum: plain tables, values
 * in code spans (so placeholders such as `<user>` survive Markdown renderers).
 */
import { logsNotReadWhy } from '../../shared/log-reading';
import { countOf, formatBytes, formatCount, formatDuration } from '../../shared/format';
import { LOG_KIND_ORDER, LOG_KIND_TEXT } from '../../shared/log-kind-text';
import { describeSeen } from '../../shared/periodicity-text';
import type { Connection, Snapshot } from '../../shared/snapshot';
import { LEVEL_WORDS, reasonsBelowHeadline } from '../../shared/verdict-text';
import { courierText, notReadText, serviceRows } from '../../shared/service-rows';
import { code, table } from './markdown';

const LINGERING_ROWS = 20;
const TOP_PEERS = 10;
const RECENT_LINES = 10;

export function systemSection(snapshot: Snapshot): string[] {
  const { host, daemon } = snapshot;
  const os = `${host.osName ?? 'unknown OS'} ${host.osVersion ?? '(version unknown)'} (${host.platform})`;
  const uptime =
    daemon.startedAt !== null
      ? `, up ${formatDuration((Date.parse(snapshot.takenAt) - Date.parse(daemon.startedAt)) / 1000)} (started ${daemon.startedAt})`
      : '';
  return [
    '## System',
    '',
    `- OS: ${os}`,
    `- ${daemon.name}: ${daemon.running ? `running, pid ${daemon.pid ?? 'unknown'}${uptime}` : 'not running'}`,
    ...(daemon.cpuPercent !== null || daemon.memoryBytes !== null
      ? [
          `- ${daemon.name} CPU ${daemon.cpuPercent ?? '?'} %, memory ${daemon.memoryBytes === null ? '?' : formatBytes(daemon.memoryBytes)}`,
        ]
      : []),
    ...(daemon.restartedAt
      ? [`- ${daemon.name} restarted at ${daemon.restartedAt} (pid changed)`]
      : []),
    '',
    '## Verdict',
    '',
    `**${LEVEL_WORDS[snapshot.verdict.level]}**: ${snapshot.verdict.headline}`,
    ...reasonsBelowHeadline(snapshot.verdict).map((reason) => `- ${reason}`),
  ];
}

export function connectionSection(snapshot: Snapshot): string[] {
  const { connections, spike } = snapshot;
  const states = Object.entries(connections.byState)
    .filter(([, count]) => (count ?? 0) > 0)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  const { finWait1, established } = connections;
  const lines = [
    '## Connections',
    '',
    `${countOf(connections.total, 'connection')} attributed to ${snapshot.daemon.name}.`,
    '',
    ...(states.length
      ? table(
          ['state', 'count'],
          states.map(([state, count]) => [state, formatCount(count ?? 0)]),
        )
      : []),
    '',
    `- FIN_WAIT_1: ${formatCount(finWait1.count)}, holding ${formatBytes(finWait1.sendQueueBytes)} in Send-Q (${formatCount(finWait1.sendQueueBytes)} bytes)` +
      (finWait1.oldestAgeSeconds !== null
        ? `, oldest seen for ${formatDuration(finWait1.oldestAgeSeconds)}`
        : ''),
    `- ESTABLISHED: ${formatCount(established.count)}` +
      (established.longest
        ? `, longest to ${code(established.longest.peer)} for at least ${formatDuration(established.longest.ageSeconds)}`
        : ''),
    `- New connections per hour: ${connections.newPerHour === null ? 'not known yet' : formatCount(connections.newPerHour)}`,
    `- FIN_WAIT_1 baseline ${formatCount(spike.baseline)}, alert threshold ${formatCount(spike.threshold)}; ` +
      (spike.active
        ? `pile-up active since ${spike.since ?? 'an unknown time'}`
        : 'no pile-up now'),
  ];
  return [...lines, '', ...topPeers(connections.items), '', ...lingering(connections.items)];
}

function topPeers(items: Connection[]): string[] {
  const byPeer = new Map<string, Map<string, number>>();
  for (const item of items) {
    const address = peerAddress(item.peer);
    const states = byPeer.get(address) ?? new Map<string, number>();
    states.set(item.state, (states.get(item.state) ?? 0) + 1);
    byPeer.set(address, states);
  }
  const total = (states: Map<string, number>) => [...states.values()].reduce((a, b) => a + b, 0);
  const rows = [...byPeer.entries()]
    .sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]))
    .slice(0, TOP_PEERS)
    .map(([address, states]) => [
      code(address),
      formatCount(total(states)),
      [...states.entries()].map(([state, count]) => `${state} ${count}`).join(', '),
    ]);
  if (rows.length === 0) return ['### Top peers', '', 'None.'];
  const more = byPeer.size > TOP_PEERS ? [``, `… and ${byPeer.size - TOP_PEERS} more peers.`] : [];
  return ['### Top peers', '', ...table(['peer address', 'connections', 'states'], rows), ...more];
}

function lingering(items: Connection[]): string[] {
  const closing = items
    .filter((item) => item.state !== 'ESTABLISHED' && item.state !== 'LISTEN')
    .sort((a, b) => b.ageSeconds - a.ageSeconds);
  if (closing.length === 0) return ['### Lingering sockets', '', 'None.'];
  const rows = closing
    .slice(0, LINGERING_ROWS)
    .map((item) => [
      code(item.local),
      code(item.peer),
      item.state,
      formatCount(item.sendQueue),
      formatDuration(item.ageSeconds),
      item.pid === null ? '-' : String(item.pid),
    ]);
  const more =
    closing.length > LINGERING_ROWS ? ['', `… and ${closing.length - LINGERING_ROWS} more.`] : [];
  return [
    `### Lingering sockets (${formatCount(closing.length)}, oldest first)`,
    '',
    ...table(['local', 'peer', 'state', 'Send-Q bytes', 'seen for', 'last pid'], rows),
    ...more,
  ];
}

/** "UTC+02:00" at the given time, in the zone this process runs in. */
function utcOffset(at: string): string {
  const minutes = -new Date(at).getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function logSection(snapshot: Snapshot): string[] {
  const { logs } = snapshot;
  const notRead = logsNotReadWhy(snapshot.source.logs);
  if (notRead)
    return [
      '## Log messages',
      '',
      `Not read: ${notRead}. Trust failures and certificate messages cannot be ruled out.`,
    ];
  const rows = LOG_KIND_ORDER.map((kind) => [
    LOG_KIND_TEXT[kind].label,
    formatCount(logs.byKind[kind]),
    describeSeen(logs.periodicity[kind], snapshot.takenAt),
  ]);
  const recent = logs.recent
    .slice(-RECENT_LINES)
    .map(
      (event) =>
        `- ${event.time} ${event.kind} ${event.process}[${event.pid ?? '?'}]: ${code(event.message)}`,
    );
  return [
    '## Log messages',
    '',
    ...table(['kind', 'count', 'seen'], rows),
    '',
    `Times are the local time of the machine that wrote this report (${utcOffset(snapshot.takenAt)}).`,
    '',
    `### Most recent lines (newest last, up to ${RECENT_LINES})`,
    '',
    ...(recent.length ? recent : ['None.']),
  ];
}

/** `17.57.146.23:5223` -> `17.57.146.23`; `[2620:149:a44::1]:5223` -> `2620:149:a44::1`. */
function peerAddress(peer: string): string {
  const bracketed = /^\[([^\]]+)\]/.exec(peer);
  if (bracketed) return bracketed[1]!;
  return peer.replace(/:\d+$/, '');
}

/** apsd's own client list; topics naming apps, sites or the MDM's id are redacted in a later pass. */
export function pushClientsSection(snapshot: Snapshot): string[] {
  const push = snapshot.pushClients;
  if (!push || push.status === 'skipped') return [];
  const heading = ['## Push clients (apsctl status)', ''];
  if (push.status !== 'ok')
    return [...heading, notReadText(push, snapshot.source.pushClients?.detail ?? null) + '.'];
  const rows = serviceRows(push, snapshot.logs.topics?.byTopic);
  return [
    ...heading,
    `Read ${push.readAt ?? 'at an unknown time'}. Courier: ${courierText(push)}.`,
    '',
    ...(rows.length
      ? table(
          ['service', 'connected', 'client status', 'last push', 'topic'],
          rows.map((row) => [
            row.service ?? '(not in the table)',
            row.connected === null ? 'not said' : row.connected ? 'yes' : 'no',
            row.status ?? '-',
            row.lastPushAt ?? '-',
            code(row.topic),
          ]),
        )
      : ['apsctl listed no client.']),
    ...(push.linesNotRead
      ? [
          '',
          `${countOf(push.linesNotRead, 'line')} of apsctl's output not read (labels: ${Object.keys(push.unknownLabels).join(', ') || 'none'}).`,
        ]
      : []),
  ];
}
