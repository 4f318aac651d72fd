import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inferSyslogTime, parseSender, readSyslogLine, SyslogParser } from './bsd-syslog';

const lines = readFileSync(
  new URL('../../../../test/fixtures/logs/system-log.txt', import.meta.url),
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
    expect(readSyslogLine(lines[0]!)).not.toBeNull();
    expect(readSyslogLine(lines[6]!)).toBeNull();
  });
});

describe('parseSender', () => {
  it.each([
    ['apsd[81]: Unrecognized leaf certificate', ['apsd', 81, 'Unrecognized leaf certificate']],
    ['syslogd: ASL Sender Statistics', ['syslogd', null, 'ASL Sender Statistics']],
    ['Google Chrome Helper[8812]: a: b', ['Google Chrome Helper', 8812, 'a: b']],
    [
      'com.apple.xpc.launchd[1] (com.apple.apsd[106]): Service exited',
      ['com.apple.xpc.launchd', 1, 'Service exited'],
    ],
    ['apsd[81]:', ['apsd', 81, '']],
    ['apsd[81]:no space', ['apsd', 81, 'no space']],
  ])('%j', (rest, [process, pid, message]) => {
    expect(parseSender(rest)).toEqual({ process, pid, message, level: null });
  });

  it.each([
    // Relayed iOS device syslog (openradar 27426357, see test/fixtures/real/SOURCES.md).
    [
      'apsd[109] <Error>:  SecTrustEvaluate  [leaf AnchorTrusted]',
      ['apsd', 109, ' SecTrustEvaluate  [leaf AnchorTrusted]', 'Error'],
    ],
    [
      'apsd(ApplePushService)[870] <Notice>: Untrusted peer',
      ['apsd', 870, 'Untrusted peer', 'Notice'],
    ],
  ])('reads the iOS level after the pid: %j', (rest, [process, pid, message, level]) => {
    expect(parseSender(rest)).toEqual({ process, pid, message, level });
  });

  it('refuses a line with no sender', () => {
    expect(parseSender('no colon here')).toBeNull();
    expect(parseSender(': empty name')).toBeNull();
    expect(parseSender('[12]: only a pid')).toBeNull();
  });
});

describe('SyslogParser dating', () => {
  it('dates a line just past the reference into the year before, even mid-hour', () => {
    // Reference 10:30 on May 7 2025; tolerance one day: May 8 10:00 is this year, May 8 11:00 not.
    let reference = new Date(2025, 4, 7, 10, 30).getTime();
    const parser = new SyslogParser({ processes: new Set(['apsd']), referenceMs: () => reference });
    for (const line of [
      'May  8 10:00:00 host apsd[1]: a',
      'May  8 10:45:00 host apsd[1]: b',
      'May  8 11:10:00 host apsd[1]: c',
    ])
      parser.feed(line);
    reference = new Date(2025, 4, 9).getTime();
    parser.feed('May  8 11:20:00 host apsd[1]: d');
    parser.flush();
    expect(parser.take().map((e) => [e.message, e.time])).toEqual([
      ['a', local(2025, 4, 8, 10, 0, 0)],
      ['b', local(2024, 4, 8, 10, 45, 0)],
      ['c', local(2024, 4, 8, 11, 10, 0)],
      ['d', local(2025, 4, 8, 11, 20, 0)],
    ]);
  });
});
