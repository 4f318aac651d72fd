/** A snapshot for a terminal: the same facts as the popover, as aligned plain text. */
import { formatBytes, formatCount, formatDuration } from '../shared/format';
import { describeNotAttributed } from '../shared/not-attributed-text';
import { TCP_STATES, type LogKind, type Snapshot } from '../shared/snapshot';

export interface RenderOptions {
  color: boolean;
  /** How many connection rows to list (the rest are summarised). */
  maxRows: number;
}

const LEVEL_MARK = { ok: 'OK', watch: 'WATCH', alert: 'ALERT' } as const;
const LEVEL_COLOR = { ok: 32, watch: 33, alert: 31 } as const;
const KIND_LABEL: Record<LogKind, string> = {
  'leaf-certificate': 'Unrecognized leaf certificate (known, benign)',
  'trust-failure': 'Trust failures (serious: possible interception)',
  connection: 'Connection events',
  other: 'Other lines',
};

function paint(text: string, code: number, on: boolean): string {
  return on ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

function connectionLines(snapshot: Snapshot, options: RenderOptions): string[] {
  const c = snapshot.connections;
  const counts = TCP_STATES.filter((s) => c.byState[s]).map(
    (s) => `${s} ${formatCount(c.byState[s]!)}`,
  );
  const lines = [`Connections (${formatCount(c.total)}): ${counts.join(', ') || 'none'}`];
  const others = snapshot.source.sockets.notAttributed;
  if (others)
    lines.push(...describeNotAttributed(others, snapshot.daemon.name).map((l) => `  ${l}`));
  if (c.finWait1.count > 0) {
    const oldest =
      c.finWait1.oldestAgeSeconds === null
        ? 'age unknown'
        : `oldest seen ${formatDuration(c.finWait1.oldestAgeSeconds)}`;
    lines.push(
      `  FIN_WAIT_1: ${formatCount(c.finWait1.count)} holding ${formatBytes(c.finWait1.sendQueueBytes)} unsent, ${oldest}`,
    );
  }
  if (c.newPerHour !== null)
    lines.push(`  New connections: ${formatCount(Math.round(c.newPerHour))} per hour`);
  if (c.items.length > 0) {
    const shown = c.items.slice(0, options.maxRows);
    lines.push(
      '',
      ...table([
        ['PEER', 'STATE', 'SEND-Q', 'AGE', 'ATTRIBUTED BY'],
        ...shown.map((i) => [
          i.peer,
          i.state,
          String(i.sendQueue),
          formatDuration(i.ageSeconds),
          i.attributedBy,
        ]),
      ]).map((l) => `  ${l}`),
    );
    if (c.items.length > shown.length)
      lines.push(
        `  ... and ${formatCount(c.items.length - shown.length)} more (use --json for all)`,
      );
  }
  return lines;
}

function logLines(snapshot: Snapshot): string[] {
  const l = snapshot.logs;
  const kinds = (Object.keys(l.byKind) as LogKind[]).filter((k) => l.byKind[k] > 0);
  if (kinds.length === 0) return [`Log lines: none (${snapshot.source.logs.from})`];
  return [
    `Log lines from ${snapshot.source.logs.from}:`,
    ...kinds.map((k) => {
      const p = l.periodicity[k];
      const every =
        p.medianIntervalSeconds !== null && p.count > 2
          ? `, median gap ${formatDuration(p.medianIntervalSeconds)}`
          : '';
      return `  ${KIND_LABEL[k]}: ${formatCount(l.byKind[k])}${every}${p.lastSeen ? `, last ${p.lastSeen}` : ''}`;
    }),
  ];
}

/** `212 lines read, 3 not read (the first: paste.txt line 4: "Any idea?")`. */
export function logLinesRead(logs: Snapshot['source']['logs']): string {
  const read = `${formatCount(logs.linesRead)} lines read`;
  const first = logs.firstNotRead;
  if (!logs.linesNotRead) return read;
  const where = first
    ? ` (the first: ${first.file} line ${formatCount(first.line)}: ${JSON.stringify(first.text)})`
    : '';
  return `${read}, ${formatCount(logs.linesNotRead)} not read${where}`;
}

function sourceLines(snapshot: Snapshot): string[] {
  const s = snapshot.source;
  const part = (name: string, p: { status: string; from: string; detail: string | null }) =>
    `  ${name}: ${p.from} (${p.status}${p.detail ? `: ${p.detail}` : ''})`;
  return [
    'Measured with:',
    part('sockets', {
      ...s.sockets,
      from: `${s.sockets.from}, ${s.sockets.rowsRead} rows read, ${s.sockets.rowsAttributed} attributed${s.sockets.linesNotRead ? `, ${s.sockets.linesNotRead} lines not read` : ''}`,
    }),
    part('logs', { ...s.logs, from: `${s.logs.from}, ${logLinesRead(s.logs)}` }),
    part('daemon', s.daemon),
    ...(s.pushClients ? [part('push clients', s.pushClients)] : []),
  ];
}

function daemonLine(snapshot: Snapshot): string {
  const { daemon, source } = snapshot;
  if (source.daemon.status === 'skipped') return `${daemon.name}: ${source.daemon.from}`;
  if (source.daemon.status === 'failed' || source.daemon.status === 'unavailable')
    return `${daemon.name}: could not check (${source.daemon.detail ?? source.daemon.status})`;
  if (!daemon.running) return `${daemon.name}: not running on this machine`;
  return `${daemon.name}: running, pid ${daemon.pid ?? '?'}${daemon.startedAt ? `, since ${daemon.startedAt}` : ''}`;
}

export function renderSnapshot(snapshot: Snapshot, options: RenderOptions): string {
  const v = snapshot.verdict;
  const lines = [
    `${paint(LEVEL_MARK[v.level], LEVEL_COLOR[v.level], options.color)}  ${v.headline}`,
    ...v.reasons.map((r) => `  - ${r}`),
    '',
    daemonLine(snapshot),
    ...connectionLines(snapshot, options),
    '',
    ...logLines(snapshot),
    '',
    ...sourceLines(snapshot),
    ...snapshot.warnings.map((w) => paint(`warning: ${w}`, 33, options.color)),
  ];
  return lines.join('\n') + '\n';
}
