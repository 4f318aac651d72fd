/** Whether any log line backs the log counts: zeros from logs never read are a false OK. */
import type { SourceInfo } from './snapshot';

/** Why the log counts rest on nothing, in words; null when log lines were read. */
export function logsNotReadWhy(logs: SourceInfo['logs']): string | null {
  if (logs.linesRead > 0 && logs.status !== 'unavailable' && logs.status !== 'skipped') return null;
  if (logs.status === 'skipped') return `logs were not part of this run (${logs.from})`;
  return logs.detail ?? `no log line was read from ${logs.from}`;
}
