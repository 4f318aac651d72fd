/**
 * Writes one rotated `system.log.N.gz` of a given unpacked size: a day of seeded syslog lines
 * (syslog-lines.ts), gzip level 6 as newsyslog makes them, the file's mtime set to the last line
 * (scan-logs infers the year from it). Written to a temporary name and renamed when complete.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, utimes } from 'node:fs/promises';
import { createGzip } from 'node:zlib';
import { syslogStamp } from '../../test/support/syslog-stamp';
import { emptyTally, nextEntry, seededRandom, type Tally } from './syslog-lines';

export interface ArchiveSpec {
  path: string;
  /** Unpacked size to reach (the last line may overshoot by one line). */
  bytes: number;
  seed: number;
  /** Time of the last line (epoch ms); the archive spans the `spanMs` before it. */
  endMs: number;
  spanMs: number;
  apsdPid: number;
}

const HOST = 'MacBook-Pro.local';
/** Bytes per line on average, to spread the lines evenly over the span. */
const AVERAGE_LINE = 118;
const FLUSH_AT = 1 << 20;

export async function writeArchive(spec: ArchiveSpec): Promise<Tally> {
  const tally = emptyTally();
  const random = seededRandom(spec.seed);
  const temporary = `${spec.path}.partial`;
  const gzip = createGzip({ level: 6 });
  const file = createWriteStream(temporary);
  gzip.pipe(file);
  const finished = once(file, 'close');
  const stepMs = spec.spanMs / (spec.bytes / AVERAGE_LINE);
  let clock = spec.endMs - spec.spanMs;
  let second = -1;
  let stamp = '';
  let lastApsdSecond = -1;
  let written = 0;
  let buffer = '';
  const line = (text: string) => {
    buffer += `${text}\n`;
    tally.lines++;
    if (text.includes('apsd')) tally.grepLines++;
  };
  const prefix = () => {
    const now = Math.floor(clock / 1000);
    if (now !== second) {
      second = now;
      stamp = `${syslogStamp(new Date(clock))} ${HOST} `;
    }
    return stamp;
  };
  while (written + buffer.length < spec.bytes) {
    const apsdAllowed = Math.floor(clock / 1000) !== lastApsdSecond;
    for (const entry of nextEntry(random, spec.apsdPid, tally, apsdAllowed)) {
      const apsd = entry.sender.startsWith('apsd[');
      line(prefix() + entry.sender);
      for (const more of entry.continuation) line(more);
      if (entry.repeats > 0) {
        clock += 1000; // a repeat is reported later than the line it repeats
        line(
          `${prefix()}--- last message repeated ${entry.repeats} time${entry.repeats > 1 ? 's' : ''} ---`,
        );
      }
      if (apsd) lastApsdSecond = second;
    }
    clock += stepMs;
    if (buffer.length >= FLUSH_AT) {
      written += Buffer.byteLength(buffer);
      if (!gzip.write(buffer)) await once(gzip, 'drain');
      buffer = '';
    }
  }
  if (buffer) gzip.write(buffer);
  gzip.end();
  await finished;
  const mtime = new Date(Math.max(clock, spec.endMs));
  await utimes(temporary, mtime, mtime);
  await rename(temporary, spec.path);
  return tally;
}
