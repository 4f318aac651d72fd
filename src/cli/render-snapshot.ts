/**
 * A snapshot for a terminal: the same facts as the popover in the same words (src/shared), as
 * plain text. Each fact once: the verdict's reasons carry the findings, the sections below add
 * only what the verdict does not say.
 */
import { ageText, formatClock, formatCount, formatDuration } from '../shared/format';
import { LOG_KIND_ORDER, LOG_KIND_TEXT, SEVERITY_WORDS } from '../shared/log-kind-text';
import { logsNotReadWhy } from '../shared/log-reading';
import { describeNotAttributed } from '../shared/not-attributed-text';
import { describeSeen } from '../shared/periodicity-text';
import { TCP_STATES, type Snapshot } from '../shared/snapshot';
import { describeSources, sourceLine } from '../shared/source-status-text';
import { LEVEL_WORDS, reasonsBelowHeadline } from '../shared/verdict-text';

export interface RenderOptions {
  color: boolean;
  /** How many connection rows to list (the rest are summarised). */
  maxRows: number;
}

const LEVEL_COLOR = { ok: 32, watch: 33, alert: 31 } as const;

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
  const status = snapshot.source.sockets.status;
  const name = snapshot.daemon.name;
  // Not part of this command, or not read: the Sources lines and the verdict say so.
  if (status !== 'ok' && status !== 'fallback') return [];
  const c = snapshot.connections;
  const states = TCP_STATES.filter((s) => c.byState[s])
    .map((s) => `${formatCount(c.byState[s]!)} ${s}`)
    .join(', ');
  const lines = [
    c.total === 0
      ? `Connections attributed to ${name}: none`
      : `Connections attributed to ${name}: ${formatCount(c.total)} (${states})`,
  ];
  const others = snapshot.source.sockets.notAttributed;
  const said = new Set([snapshot.verdict.headline, ...snapshot.verdict.reasons]);
  if (others)
    lines.push(
      ...describeNotAttributed(others, name)
        .filter((line) => !said.has(line))
        .map((l) => `  ${l}`),
    );
  if (c.newPerHour !== null)
    lines.push(`  New connections: ${formatCount(Math.round(c.newPerHour))} per hour`);
  if (c.items.length > 0) {
    const shown = c.items.slice(0, options.maxRows);
    // A single sample or a saved capture knows no ages: no column of "unknown".
    const withAge = c.observedSeconds > 0;
    const row = (cells: string[], age: string) => (withAge ? [...cells, age] : cells);
    lines.push(
      '',
      ...table([
        row(['PEER', 'STATE', 'SEND-Q', 'ATTRIBUTED BY'], 'AGE'),
        ...shown.map((i) =>
          row(
            [i.peer, i.state, formatCount(i.sendQueue), i.attributedBy],
            ageText(i.ageSeconds, c.observedSeconds, formatDuration),
          ),
        ),
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
  const { logs, source } = snapshot;
  // Not part of this command: the Sources lines say so.
  if (source.logs.status === 'skipped') return [];
  if (logsNotReadWhy(source.logs)) return ['Log lines: none read'];
  const kinds = LOG_KIND_ORDER.filter((k) => logs.byKind[k] > 0);
  if (kinds.length === 0) return [`Log lines of ${snapshot.daemon.name}: none`];
  return [
    `Log lines of ${snapshot.daemon.name}:`,
    ...kinds.map((k) => {
      const { label, severity } = LOG_KIND_TEXT[k];
      const seen = describeSeen(logs.periodicity[k], snapshot.takenAt);
      return `  ${label} (${SEVERITY_WORDS[severity].toLowerCase()}): ${formatCount(logs.byKind[k])}, ${seen}`;
    }),
  ];
}

function sourceLines(snapshot: Snapshot): string[] {
  return [
    'Sources:',
    ...describeSources(snapshot.source, snapshot.daemon.name).map((p) => `  ${sourceLine(p)}`),
  ];
}

function daemonLine(snapshot: Snapshot): string[] {
  const { daemon, source } = snapshot;
  // Not checked, or the check failed: the Sources lines and the verdict say so.
  if (source.daemon.status !== 'ok' && source.daemon.status !== 'fallback') return [];
  if (!daemon.running) return [`${daemon.name}: not running on this machine`];
  const since = daemon.startedAt
    ? `, since ${formatClock(daemon.startedAt, snapshot.takenAt)}`
    : '';
  return [`${daemon.name}: running, pid ${daemon.pid ?? 'unknown'}${since}`];
}

/** Sections with a blank line between them; an empty section leaves no gap. */
function sections(...parts: string[][]): string[] {
  return parts.filter((part) => part.length > 0).flatMap((part, i) => (i ? ['', ...part] : part));
}

export function renderSnapshot(snapshot: Snapshot, options: RenderOptions): string {
  const v = snapshot.verdict;
  const level = LEVEL_WORDS[v.level].toUpperCase();
  const lines = sections(
    [
      `${paint(level, LEVEL_COLOR[v.level], options.color)}  ${v.headline}`,
      ...reasonsBelowHeadline(v).map((r) => `  - ${r}`),
    ],
    [...daemonLine(snapshot), ...connectionLines(snapshot, options)],
    logLines(snapshot),
    sourceLines(snapshot),
    snapshot.warnings.map((w) => paint(`warning: ${w}`, 33, options.color)),
  );
  return lines.join('\n') + '\n';
}
