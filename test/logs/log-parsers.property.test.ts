/**
 * Property tests over the log readers: random, truncated, binary, non-UTF-8 and 1 MB-per-line
 * input never throws; every line is read or counted as not read; a generated record is read as
 * its own format, process and kind, never as another.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../src/shared/snapshot';
import { classifyMessage } from '../../src/core/logs/kinds/message-kinds';
import { createJsonReader, type FormatReader } from '../../src/core/logs/saved/json-reader';
import { TextLogReader } from '../../src/core/logs/saved/text-reader';

const REFERENCE = new Date(2026, 11, 1, 12).getTime();
const FIXTURE_DIRS = ['test/fixtures/real/logs/', 'test/fixtures/logs/'];
const FIXTURES = FIXTURE_DIRS.flatMap((dir) =>
  readdirSync(dir).map((name) => ({ name, bytes: readFileSync(dir + name) })),
);

function read(
  bytes: Buffer,
  cuts: readonly number[] = [],
  processes = ['apsd'],
  make: (options: ConstructorParameters<typeof TextLogReader>[0]) => FormatReader = (o) =>
    new TextLogReader(o),
) {
  const events: LogEvent[] = [];
  const reader = make({
    processes: new Set(processes),
    sinceIso: null,
    referenceMs: REFERENCE,
    onEvents: (batch) => events.push(...batch),
  });
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    reader.push(bytes.subarray(at, cut));
    at = cut;
  }
  reader.push(bytes.subarray(at));
  reader.end();
  return { tally: reader.tally, events, problems: reader.problems() };
}

/** Lines as a reader sees them: each newline ends one, and a last line without one counts too. */
function lineCount(bytes: Buffer): number {
  let lines = 0;
  for (const byte of bytes) if (byte === 0x0a) lines++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a ? lines + 1 : lines;
}

function accounted(tally: FormatReader['tally']): number {
  return tally.records + tally.continuations + tally.framing + tally.notRead;
}

describe('every fixture, however its bytes arrive', () => {
  it.each(FIXTURES.filter((f) => !f.name.endsWith('.json')))(
    '$name: every line accounted for',
    ({ bytes }) => {
      const whole = read(bytes);
      expect(whole.tally.lines).toBe(lineCount(bytes));
      expect(accounted(whole.tally)).toBe(whole.tally.lines);
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 12 }),
          (cuts) => {
            const chunked = read(bytes, cuts);
            expect(chunked.tally).toEqual(whole.tally);
            expect(chunked.events).toEqual(whole.events);
          },
        ),
        { numRuns: 200 },
      );
    },
  );
});

describe('the text reader on hostile input', () => {
  const check = (bytes: Buffer) => {
    const { tally } = read(bytes);
    expect(tally.lines).toBe(lineCount(bytes));
    expect(accounted(tally)).toBe(tally.lines);
  };

  it('never throws on random bytes, and accounts for every line', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (a) => check(Buffer.from(a))),
      {
        numRuns: 2000,
      },
    );
  });

  it('never throws on random text, including non-UTF-8 and control characters', () => {
    const text = fc.string({ unit: 'binary', maxLength: 2000 });
    fc.assert(
      fc.property(text, (s) => check(Buffer.from(s, 'utf8'))),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(text, (s) => check(Buffer.from(s, 'latin1'))),
      { numRuns: 1000 },
    );
  });

  it('never throws on fixtures truncated, spliced with junk or shuffled line by line', () => {
    const lines = FIXTURES.flatMap((f) => f.bytes.toString('utf8').split('\n'));
    const junk = fc.string({ unit: 'binary', maxLength: 80 });
    const line = fc.oneof(fc.constantFrom(...lines), junk);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), fc.nat(), (picked, cut) => {
        const bytes = Buffer.from(picked.join('\n'));
        check(bytes);
        check(bytes.subarray(0, cut % (bytes.length + 1)));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts 1 MB lines as not read, and reads the lines around them', () => {
    const huge = 'x'.repeat(1024 * 1024);
    const text = [
      'Jan  1 00:00:01 mac.local apsd[106]: Unrecognized leaf certificate',
      `Jan  1 00:00:02 mac.local apsd[106]: ${huge}`,
      huge,
      'Jan  1 00:00:03 mac.local apsd[106]: Untrusted peer, closing connection immediately',
    ].join('\n');
    const { tally, events, problems } = read(Buffer.from(text), [100, 500_000, 1_500_000]);
    expect([tally.lines, tally.notRead, tally.firstNotRead?.line]).toEqual([4, 2, 2]);
    expect(events.map((e) => e.kind)).toEqual(['leaf-certificate', 'trust-failure']);
    expect(problems).toEqual([
      '2 lines not read (2 longer than 64 KiB), the first at line 2: (longer than 64 KiB)',
    ]);
  });
});

describe('the json reader on hostile input', () => {
  it('never throws on random bytes or truncated exports', () => {
    const json = (o: Parameters<typeof createJsonReader>[0]) => createJsonReader(o, 0);
    const exportBytes = readFileSync('test/fixtures/logs/unified-show.json');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.nat(), (a, cut) => {
        read(Buffer.from(a), [], ['apsd'], json);
        const cutExport = read(
          exportBytes.subarray(0, cut % exportBytes.length),
          [],
          ['apsd'],
          json,
        );
        expect(cutExport.tally.records + cutExport.tally.framing).toBe(cutExport.tally.lines);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a generated record is read as itself', () => {
  const MESSAGES = [
    'Unrecognized leaf certificate',
    'Untrusted peer, closing connection immediately',
    'Failed to validate certificate chain for courier.push.apple.com.',
    'Connected to courier 18-courier.push.apple.com (17.57.144.12)',
    '<private> setCriticalMessageTimeout: changing from 10 to 10',
  ];
  const message = fc.oneof(
    fc.constantFrom(...MESSAGES),
    fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim() === s && s !== ''), // printable ASCII: no tab, no newline
  );
  const processName = fc.constantFrom('apsd', 'kernel', 'Google Chrome Helper', 'launchd');
  const pid = fc.integer({ min: 1, max: 99999 });
  const FORMATS = {
    syslog: (p: string, n: number, m: string) => `May 25 00:48:01 host.local ${p}[${n}]: ${m}`,
    'ios-syslog': (p: string, n: number, m: string) =>
      `Mar 23 17:26:09 iPhone ${p}[${n}] <Warning>: ${m}`,
    'log-default': (p: string, n: number, m: string) =>
      `2026-09-15 08:35:55.176162-0700 0x2b5      Default     0x0                  ${n}    0    ${p}: ${m}`,
    'log-syslog': (p: string, n: number, m: string) =>
      `2018-10-18 20:15:09.353210-0700  localhost ${p}[${n}]: ${m}`,
    'log-compact': (p: string, n: number, m: string) =>
      `2026-08-29 11:36:39.340 Df ${p}[${n}:1224] ${m}`,
    console: (p: string, n: number, m: string) => `default\t16:34:06.056247 +0200\t${p}\t${m}`,
  } as const;
  const format = fc.constantFrom(...(Object.keys(FORMATS) as (keyof typeof FORMATS)[]));

  it('keeps its format, process, pid and kind, and another process never becomes an event', () => {
    fc.assert(
      fc.property(format, processName, pid, message, (f, p, n, m) => {
        const line = FORMATS[f](p, n, m);
        const { tally, events } = read(Buffer.from(`${line}\n`));
        expect(tally.formats).toEqual({ [f]: 1 });
        expect([tally.records, tally.notRead]).toEqual([1, 0]);
        if (p !== 'apsd') {
          expect(events).toEqual([]);
          return;
        }
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ process: 'apsd', message: m, kind: classifyMessage(m) });
        if (f !== 'console') expect(events[0]!.pid).toBe(n);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the same record behind a grep prefix, a prompt and a fence', () => {
    fc.assert(
      fc.property(format, pid, fc.constantFrom(...MESSAGES), (f, n, m) => {
        const line = FORMATS[f]('apsd', n, m);
        const text = [
          '```',
          '$ zgrep apsd /var/log/system.log.*',
          `/var/log/system.log.0.gz:${line}`,
          '[...]',
          '```',
          '',
        ].join('\n');
        const { tally, events } = read(Buffer.from(text));
        expect([tally.records, tally.framing, tally.notRead]).toEqual([1, 4, 0]);
        expect(events.map((e) => e.kind)).toEqual([classifyMessage(m)]);
      }),
      { numRuns: 500 },
    );
  });
});
