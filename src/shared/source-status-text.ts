/**
 * Where each part of a snapshot came from and how reading it went, in the same words for the CLI's
 * "Measured with", the popover's Sources and the explainer.
 */
import { countOf, formatCount } from './format';
import type { PartStatus, SourceInfo } from './snapshot';

export const SOURCE_STATUS_WORDS: Record<PartStatus, string> = {
  ok: 'OK',
  fallback: 'Fallback',
  failed: 'Failed',
  unavailable: 'Unavailable',
  starting: 'Starting',
  skipped: 'Not used',
};

export interface SourcePartText {
  key: keyof SourceInfo;
  label: string;
  status: PartStatus;
  /** What was read and how much: "ss -tan: 12 rows read, 3 attributed to apsd". */
  summary: string;
  /** Why a part failed, fell back or was not used; null when there is nothing more to say. */
  detail: string | null;
}

/** `212 lines read, 3 not read`; the first line not read is the warnings' to show. */
function logLinesRead(logs: SourceInfo['logs']): string {
  const read = `${countOf(logs.linesRead, 'line')} read`;
  return logs.linesNotRead ? `${read}, ${formatCount(logs.linesNotRead)} not read` : read;
}

/** A part that read nothing says only why (its `from` is then the reason, or "none"). */
function readNothing(status: PartStatus): boolean {
  return status === 'skipped' || status === 'unavailable' || status === 'starting';
}

function sourceName(from: string): string | null {
  return from === 'none' ? null : from;
}

export function describeSources(source: SourceInfo, daemonName: string): SourcePartText[] {
  const { sockets, logs, daemon } = source;
  const notRead = sockets.linesNotRead ? `, ${countOf(sockets.linesNotRead, 'line')} not read` : '';
  const socketsRead = `${countOf(sockets.rowsRead, 'row')} read, ${formatCount(sockets.rowsAttributed)} attributed to ${daemonName}${notRead}`;
  return [
    {
      key: 'sockets',
      label: 'Sockets',
      status: sockets.status,
      summary: readNothing(sockets.status) ? sockets.from : `${sockets.from}: ${socketsRead}`,
      detail: sockets.detail,
    },
    {
      key: 'logs',
      label: 'Logs',
      status: logs.status,
      summary:
        readNothing(logs.status) && logs.linesRead === 0
          ? (sourceName(logs.from) ?? 'no log source')
          : `${logs.from}: ${logLinesRead(logs)}`,
      detail: logs.detail,
    },
    {
      key: 'daemon',
      label: 'Daemon',
      status: daemon.status,
      summary: daemon.from,
      detail: daemon.detail,
    },
    ...(source.pushClients
      ? [
          {
            key: 'pushClients' as const,
            label: 'Push clients',
            status: source.pushClients.status,
            summary: source.pushClients.from,
            detail: source.pushClients.detail,
          },
        ]
      : []),
  ];
}

/**
 * One line per part: "Logs: system.log: 212 lines read", "Logs: no log source (unavailable: apsd
 * logs exist only on macOS, ...)", "Logs: not part of analyze-netstat" (a part not used says why).
 */
export function sourceLine(part: SourcePartText): string {
  if (part.status === 'skipped') return `${part.label}: ${part.summary}`;
  const notes = [
    part.status === 'ok' ? null : SOURCE_STATUS_WORDS[part.status].toLowerCase(),
    part.detail,
  ].filter((note) => note !== null);
  return `${part.label}: ${part.summary}${notes.length ? ` (${notes.join(': ')})` : ''}`;
}
