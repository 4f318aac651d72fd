import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CandidateLineReader } from './candidate-lines';
import { SyslogParser } from './syslog-parse';

const fixture = readFileSync(
  new URL('../../../test/fixtures/logs/system-log.txt', import.meta.url),
  'utf8',
);
const REFERENCE = new Date(2025, 0, 1, 0, 10).getTime();
const newParser = () =>
  new SyslogParser({ processes: new Set(['apsd']), referenceMs: () => REFERENCE });

/** Deterministic chunk sizes, so a failure can be replayed. */
function* chunkSizes(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (state * 48271) % 2147483647;
    yield 1 + (state % 97);
  }
}

function readInChunks(text: string, seed: number) {
  const parser = newParser();
  const fed: string[] = [];
  const reader = new CandidateLineReader([Buffer.from('apsd')], {
    line: (line) => {
      fed.push(line);
      parser.feed(line);
    },
    gap: () => parser.gap(),
    wantsFollowUp: () => parser.wantsFollowUp,
  });
  const bytes = Buffer.from(text);
  const sizes = chunkSizes(seed);
  for (let at = 0; at < bytes.length;) {
    const size = sizes.next().value as number;
    reader.push(bytes.subarray(at, at + size));
    at += size;
  }
  reader.end();
  parser.flush();
  return { events: parser.take(), fed, reader };
}

describe('CandidateLineReader', () => {
  // Other senders' lines before every dated message (where they change no message's meaning).
  const noisy = fixture
    .trimEnd()
    .split('\n')
    .flatMap((line, i) =>
      /^[A-Z]/.test(line) && !line.includes('repeated')
        ? [`Jan  1 00:00:0${i % 10} mac.local configd[17]: network changed ${i}`, line]
        : [line],
    )
    .join('\n');

  it('finds the same events as a full parse, however the bytes are chunked', () => {
    const full = newParser();
    for (const line of noisy.split('\n')) full.feed(line);
    full.flush();
    const expected = full.take();
    expect(expected).toHaveLength(6);
    for (const seed of [1, 2, 3, 42, 1234])
      expect(readInChunks(noisy, seed).events).toEqual(expected);
  });

  it('decodes only lines with the name and the line after each open message', () => {
    const { fed, reader } = readInChunks(noisy, 7);
    const lines = noisy.split('\n');
    expect(fed).toEqual([1, 2, 3, 5, 7, 8, 10, 11, 12, 13, 18].map((i) => lines[i]));
    expect(reader.lines).toBe(lines.length);
  });

  it('counts and skips lines over 64 KiB and binary lines, across chunk borders', () => {
    const long = `Jan  1 00:00:01 mac.local apsd[1]: ${'x'.repeat(70_000)}`;
    const text = [
      'Jan  1 00:00:00 mac.local apsd[1]: before',
      long,
      'Jan  1 00:00:02 mac.local apsd[1]: \u0000\u0001 junk',
      Buffer.from([0x61, 0x70, 0x73, 0x64, 0xff, 0xfe]).toString('latin1'),
      'Jan  1 00:00:03 mac.local apsd[1]: after',
    ].join('\n');
    for (const size of [5, 4096, 1 << 20]) {
      const parser = newParser();
      const reader = new CandidateLineReader([Buffer.from('apsd')], {
        line: (line) => parser.feed(line),
        gap: () => parser.gap(),
        wantsFollowUp: () => parser.wantsFollowUp,
      });
      const bytes = Buffer.from(text, 'latin1');
      for (let at = 0; at < bytes.length; at += size) reader.push(bytes.subarray(at, at + size));
      reader.end();
      parser.flush();
      expect(parser.take().map((e) => e.message)).toEqual(['before', 'after']);
      expect([reader.lines, reader.oversize, reader.binary]).toEqual([5, 1, 2]);
    }
  });
});
