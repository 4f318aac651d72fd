/** Tells a log file's format from its first bytes, never from its name (exports get renamed). */
import { hasSyslogPrefix } from './syslog-parse';

export type LogFileFormat = 'syslog' | 'ndjson' | 'json' | 'empty' | 'unknown';

/** Bytes to look at before deciding; a few syslog lines fit many times over. */
export const DETECT_BYTES = 64 * 1024;
const LINES_TO_TRY = 32;

export function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * `[` starts a `--style json` export, `{` or the `log stream` banner an ndjson one; otherwise a
 * dated line among the first few makes it syslog (a file may begin with a continuation line).
 */
export function detectLogFormat(head: Buffer): LogFileFormat {
  let text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const trimmed = text.trimStart();
  if (trimmed === '') return 'empty';
  if (trimmed.startsWith('[')) return 'json';
  if (trimmed.startsWith('{') || trimmed.startsWith('Filtering the log data')) return 'ndjson';
  const lines = trimmed.split('\n', LINES_TO_TRY);
  return lines.some((line) => hasSyslogPrefix(line)) ? 'syslog' : 'unknown';
}

/** Why an unknown file was not read, in words. */
export function describeUnknown(head: Buffer): string {
  const text = head.toString('utf8');
  const binary = head.includes(0) || (text.match(/\uFFFD/g)?.length ?? 0) > text.length / 100;
  return binary
    ? 'binary data, not a log file'
    : 'no syslog, ndjson or json log records at its start';
}
