/**
 * Tells a `log show --style json` array from line-oriented log text, from the first bytes and
 * never from the name (exports get renamed). Line formats are chosen per line later
 * (saved/line-roles): only the json array needs reading as a whole.
 */
import { framingOf } from './framing-lines';

export type LogFileLayout =
  | {
      layout: 'json';
      /** Bytes of framing (a prompt, a banner) before the `[`. */ skipBytes: number;
      framingLines: number;
    }
  | { layout: 'lines' }
  | { layout: 'empty' };

/** Bytes to look at before deciding. */
export const DETECT_BYTES = 64 * 1024;

export function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * A json export is a `[` followed by `{` or `]`, after at most prompts, banners, fences and blank
 * lines; so is one pretty-printed element pasted alone (a `{` line whose object does not close on
 * it: an ndjson record always does). `[...]` (an elision) and anything else is read line by line.
 */
export function detectLayout(head: Buffer): LogFileLayout {
  let text = head.toString('utf8');
  let skipBytes = 0;
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    skipBytes = 3;
  }
  if (text.trim() === '') return { layout: 'empty' };
  let start = 0;
  let framingLines = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    const framing = framingOf(line);
    if (framing === null || !['blank', 'banner', 'prompt', 'fence'].includes(framing)) {
      const trimmed = line.trimStart();
      const after = text.slice(start + (line.length - trimmed.length) + 1).trimStart();
      const loneObject = trimmed.startsWith('{') && !trimmed.trimEnd().endsWith('}');
      const array =
        trimmed.startsWith('[') && (after === '' || after[0] === '{' || after[0] === ']');
      if (!array && !loneObject) return { layout: 'lines' };
      skipBytes += Buffer.byteLength(text.slice(0, start));
      return { layout: 'json', skipBytes, framingLines };
    }
    if (end === -1) return { layout: 'lines' };
    framingLines++;
    start = end + 1;
  }
}

/** Why a file with no log records was not read, in words. */
export function describeUnknown(head: Buffer): string {
  const text = head.toString('utf8');
  const binary = head.includes(0) || (text.match(/\uFFFD/g)?.length ?? 0) > text.length / 100;
  return binary ? 'binary data, not a log file' : 'no log records';
}
