/**
 * What the log part can support: a verdict built on logs that were not read, or on no log line,
 * says so, and never reads as "no trust failures".
 */
import type { SourceInfo } from '../../shared/snapshot';
import type { Finding } from './verdict-findings';

export function logSourceFinding(logs: SourceInfo['logs'], platform: string): Finding | null {
  if (logs.status === 'skipped') return null;
  const detail = logs.detail ? `: ${logs.detail}` : '';
  if (logs.status === 'failed') {
    const text = `Could not read all of the logs${detail}`;
    return {
      level: 'watch',
      headline: text,
      reason: `${text}; trust failures in them are unknown`,
    };
  }
  if (logs.linesRead > 0) return null;
  const from = logs.from === 'none' ? '' : ` from ${logs.from}`;
  const why = logs.detail ? ` (${logs.detail})` : '';
  const reason = `No log line was read${from}${why}, so trust failures cannot be ruled out`;
  // On a Mac the logs are where an interception shows; elsewhere there are none to read.
  if (logs.status === 'unavailable' && platform === 'darwin')
    return { level: 'watch', headline: 'No log lines could be read', reason };
  return { level: 'ok', headline: null, reason };
}
