/**
 * `apsd-watch analyze-netstat <file>`: a saved socket table of any supported kind, recognised by
 * its header, so a user can paste what they ran (macOS netstat of any era, Linux ss or
 * /proc/net/tcp, or nettop CSV) without saying which it is.
 */
import type { SocketRow } from '../../shared/snapshot';
import { parseNetstat } from './netstat-parse';
import { parseNettop } from './nettop-parse';
import { parseProcNetTcp } from './proc-net-tcp-parse';
import { unusableReason, type SocketParseResult } from './socket-parse-result';
import { parseSs } from './ss-parse';

/** A capture that is not a socket table at all; `message` is one line. */
export class SocketCaptureError extends Error {
  override name = 'SocketCaptureError';
}

export interface SocketCapture {
  rows: SocketRow[];
  format: string;
  warnings: string[];
}

const EXPECTED =
  'expected the output of netstat -an/-anv (macOS), ss -tan, /proc/net/tcp or nettop';

/** True when the text looks like binary data: NUL bytes or mostly control characters. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65536);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  return control > sample.length / 10;
}

/** Recognises and parses a saved socket table; throws SocketCaptureError when it is none. */
export function parseSocketCapture(text: string): SocketCapture {
  if (text.trim() === '') throw new SocketCaptureError(`the capture is empty; ${EXPECTED}`);
  if (looksBinary(text))
    throw new SocketCaptureError(`the capture is binary data, not text; ${EXPECTED}`);
  const parsers: (() => SocketParseResult)[] = [
    () => parseNetstat(text),
    () => parseSs(text),
    () => parseProcNetTcp(text),
    () => parseNettop(text),
  ];
  for (const parse of parsers) {
    const result = parse();
    if (result.format === null) continue;
    const problem = unusableReason(result, result.format);
    if (problem) throw new SocketCaptureError(problem);
    return { rows: result.rows, format: result.format, warnings: result.warnings };
  }
  throw new SocketCaptureError(`no socket table found in the capture; ${EXPECTED}`);
}
