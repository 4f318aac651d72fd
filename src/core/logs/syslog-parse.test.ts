import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSyslogPrefix, inferSyslogTime, SyslogParser } from './syslog-parse';

const lines = readFileSync(
  new URL('../../../test/fixtures/logs/system-log.txt', import.meta.url),
  'utf8',
)
  .trimEnd()
  .split('\n');
const local = (...parts: [number, number, number, number, number, number]) =>
  new Date(...parts).toISOString();

function parseAll(input: string[], referenceMs: number, processes = ['apsd']) {
  const parser = new SyslogParser({
    processes: new Set(processes),
    referenceMs: () => referenceMs,
  });
  for (const line of input) parser.feed(line);
  parser.flush();
  return { events: parser.take(), parser };
}

describe('inferSyslogTime', () => {
  const ref = new Date(2025, 0, 1, 0, 10).getTime();

  it('puts December before a January reference time into the previous year', () => {
    expect(inferSyslogTime(11, 31, [23, 58, 10], ref)).toBe(
      new Date(2024, 11, 31, 23, 58, 10).getTime(),
    );
    expect(inferSyslogTime(0, 1, [0, 1, 2], ref)).toBe(new Date(2025, 0, 1, 0, 1, 2).getTime());
  });

  it('finds the latest leap year for Feb 29', () => {
    expect(inferSyslogTime(1, 29, [12, 0, 0], ref)).toBe(new Date(2024, 1, 29, 12).getTime());
    expect(inferSyslogTime(1, 29, [12, 0, 0], new Date(2023, 5, 1).getTime())).toBe(
      new Date(2020, 1, 29, 12).getTime(),
    );
  });

  it('refuses a date that does not exist', () => {
    expect(inferSyslogTime(3, 31, [0, 0, 0], ref)).toBeNull();
  });
});

describe('SyslogParser', () => {
  const ref = new Date(2025, 0, 1, 0, 10).getTime();

  it('reads the fixture: year rollover, continuation lines, repeats, other senders', () => {
    const { events, parser } = parseAll(lines, ref);
    expect(events).toEqual([
      {
        time: local(2024, 11, 31, 23, 58, 10),
        kind: 'leaf-certificate',
        process: 'apsd',
        pid: 106,
        message: 'Unrecognized leaf certificate',
      },
      ...[0, 4, 4].map((second) => ({
        time: local(2025, 0, 1, 0, 1, second === 0 ? 2 : second),
        kind: 'trust-failure',
        process: 'apsd',
        pid: 106,
        message: 'Failed to evaluate trust: No error. (0), result=5',
      })),
      {
        time: local(2025, 0, 1, 0, 2, 0),
        kind: 'connection',
        process: 'apsd',
        pid: 106,
        message:
          'Stream error occurred for <private>:\n\tError Domain=kCFErrorDomainCFNetwork Code=-1005\n\t"The network connection was lost."',
      },
      {
        time: local(2025, 0, 1, 0, 3, 0),
        kind: 'trust-failure',
        process: 'apsd',
        pid: 106,
        message: 'Untrusted peer, closing connection immediately',
      },
    ]);
    expect(parser.yearInferred).toBe(true);
    expect(parser.garbled).toBe(0);
  });

  it('reads senders with spaces and launchd job suffixes', () => {
    const { events } = parseAll(lines, ref, ['Google Chrome Helper', 'com.apple.xpc.launchd']);
    expect(events.map((e) => [e.process, e.pid, e.message])).toEqual([
      [
        'com.apple.xpc.launchd',
        1,
        'Service only ran for 0 seconds. Pushing respawn out by 10 seconds.',
      ],
      ['Google Chrome Helper', 8812, "connection reset\n\ta continuation of the helper's message"],
      ['Google Chrome Helper', 8812, "connection reset\n\ta continuation of the helper's message"],
    ]);
  });

  it('drops a continuation line after a gap instead of gluing it to an earlier message', () => {
    const parser = new SyslogParser({ processes: new Set(['apsd']), referenceMs: () => ref });
    parser.feed(lines[0]!);
    parser.gap();
    parser.feed('\tapsd text that belonged to a skipped message');
    parser.feed('Jan  1 00:01:04 mac.local --- last message repeated 2 times ---');
    parser.flush();
    expect(parser.take().map((e) => e.message)).toEqual(['Unrecognized leaf certificate']);
  });

  it('asks for follow-up lines only while one of its messages is open', () => {
    const parser = new SyslogParser({ processes: new Set(['apsd']), referenceMs: () => ref });
    expect(parser.wantsFollowUp).toBe(false);
    parser.feed(lines[0]!);
    expect(parser.wantsFollowUp).toBe(true);
    parser.feed(lines[1]!);
    expect(parser.wantsFollowUp).toBe(false);
  });

  it('reads ISO-dated lines without inferring a year, and counts undated garbage', () => {
    const { events, parser } = parseAll(
      [
        '2025-05-07T21:54:23.123456+02:00 host apsd[81]: Unrecognized leaf certificate',
        'Foo 99 99:99:99 host apsd[81]: impossible date',
        'May  7 25:00:00 host apsd[81]: impossible hour',
      ],
      ref,
    );
    expect(events.map((e) => e.time)).toEqual(['2025-05-07T19:54:23.123Z']);
    expect(parser.yearInferred).toBe(false);
    expect(parser.garbled).toBe(2);
  });

  it('recognises dated lines', () => {
    expect(hasSyslogPrefix(lines[0]!)).toBe(true);
    expect(hasSyslogPrefix(lines[6]!)).toBe(false);
  });
});
