import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CandidateLineReader, looksLikeRecordStart } from './candidate-lines';

const fixture = readFileSync(
  new URL('../../../../test/fixtures/logs/system-log.txt', import.meta.url),
  'utf8',
);

/** Deterministic chunk sizes, so a failure can be replayed. */
function* chunkSizes(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (state * 48271) % 2147483647;
    yield 1 + (state % 97);
  }
}

/** What the reader did with each line, by line number, and whether it then wants a follow-up. */
function route(text: string, seed: number, followAfter: (line: string) => boolean = () => false) {
  const seen: string[] = [];
  let follow = false;
  const reader = new CandidateLineReader([Buffer.from('apsd')], {
    line: (line, n) => {
      seen[n] = `fed:${line}`;
      follow = followAfter(line);
    },
    undecoded: (n) => {
      seen[n] = 'undecoded';
    },
    broken: (reason, n) => {
      seen[n] = reason;
    },
    wantsFollowUp: () => follow,
  });
  const bytes = Buffer.from(text, 'latin1');
  const sizes = chunkSizes(seed);
  for (let at = 0; at < bytes.length;) {
    const size = sizes.next().value as number;
    reader.push(bytes.subarray(at, at + size));
    at += size;
  }
  reader.end();
  return { seen: seen.slice(1), reader };
}

describe('CandidateLineReader', () => {
  // Past the first 64 lines, which are always decoded.
  const warmUp = Array.from(
    { length: 64 },
    (_, i) => `Jan  1 00:00:00 mac.local configd[17]: ${i}`,
  );
  const lines = [...warmUp, ...fixture.trimEnd().split('\n')];

  it('decodes lines with the name, undated lines and follow-ups; counts the others by shape', () => {
    for (const seed of [1, 2, 42]) {
      const { seen, reader } = route(lines.join('\n'), seed, (line) => / apsd\[106\]: /.test(line));
      expect(reader.lines).toBe(lines.length);
      const body = seen.slice(64);
      const fixtureLines = fixture.trimEnd().split('\n');
      expect(body).toEqual(
        fixtureLines.map((line, i) => {
          const named = line.includes('apsd');
          const followsApsd = i > 0 && / apsd\[106\]: /.test(fixtureLines[i - 1]!);
          const dated = /^[A-Z][a-z]{2} /.test(line);
          return named || followsApsd || !dated ? `fed:${line}` : 'undecoded';
        }),
      );
    }
  });

  it('counts and skips lines over 64 KiB and binary lines, across chunk borders', () => {
    const text = [
      'Jan  1 00:00:00 mac.local apsd[1]: before',
      `Jan  1 00:00:01 mac.local apsd[1]: ${'x'.repeat(70_000)}`,
      'Jan  1 00:00:02 mac.local apsd[1]: \u0000\u0001 junk',
      Buffer.from([0x61, 0x70, 0x73, 0x64, 0xff, 0xfe]).toString('latin1'),
      'Jan  1 00:00:03 mac.local apsd[1]: after',
    ].join('\n');
    for (const seed of [5, 99]) {
      const { seen, reader } = route(text, seed);
      expect(reader.lines).toBe(5);
      expect(seen).toEqual([
        'fed:Jan  1 00:00:00 mac.local apsd[1]: before',
        'oversize',
        'binary',
        'binary',
        'fed:Jan  1 00:00:03 mac.local apsd[1]: after',
      ]);
    }
  });

  it('knows the first-line shapes of the line formats', () => {
    const yes = [
      'May  7 21:54:23 host apsd[81]: x',
      'May 25 00:48:01 host apsd[106]: x',
      '2026-01-25 23:03:22.041859+0200 0x150d23a  Info  0x0  6103  0  logger: x',
      '2016-05-07T21:54:23.123Z host apsd[1]: x',
      '{"eventMessage":"x","timestamp":"2025"}',
    ];
    const no = ['\tcontinued', 'May 25 0:48:01 host x', 'hello world, a long line', '{"open":'];
    const test = (line: string) => looksLikeRecordStart(Buffer.from(line), 0, line.length);
    expect(yes.map(test)).toEqual(yes.map(() => true));
    expect(no.map(test)).toEqual(no.map(() => false));
  });
});
