import { describe, expect, it } from 'vitest';
import { LINE_FORMATS } from './line-formats';
import { dateTimeOfDay } from '../saved/text-reader';

const read = (line: string) => {
  for (const format of LINE_FORMATS) {
    const record = format.read(line);
    if (record) return record;
  }
  return null;
};

describe('Console.app copies', () => {
  it('read with and without their optional columns (type, pid, subsystem, a date)', () => {
    const cases: [string, { process: string; pid: number | null; message: string }][] = [
      [
        'default\t16:34:06.056247 +0200\tapsd\t<private>: lastIPCachingPercentage = 0',
        { process: 'apsd', pid: null, message: '<private>: lastIPCachingPercentage = 0' },
      ],
      [
        'error\t16:34:06.056247 +0200\tapsd\t412\tcom.apple.apsd\tUntrusted peer, closing connection immediately',
        { process: 'apsd', pid: 412, message: 'Untrusted peer, closing connection immediately' },
      ],
      [
        '16:34:06.056247 +0200\tapsd\tno type column',
        { process: 'apsd', pid: null, message: 'no type column' },
      ],
      [
        'fault\t2021-05-10 16:34:06.056247+0200\tapsd\twith a date',
        { process: 'apsd', pid: null, message: 'with a date' },
      ],
    ];
    for (const [line, expected] of cases)
      expect(read(line)).toMatchObject({ format: 'console', ...expected });
    expect(read('fault\t2021-05-10 16:34:06.056247+0200\tapsd\twith a date')?.time).toEqual({
      kind: 'exact',
      ms: Date.UTC(2021, 4, 10, 14, 34, 6, 56),
      zoned: true,
    });
  });

  it('keep a record whose message is empty, with or without its last tab', () => {
    for (const line of [
      'default\t16:34:06.056247 +0200\tapsd\t',
      'default\t16:34:06.056247 +0200\tapsd',
    ])
      expect(read(line)).toMatchObject({
        format: 'console',
        process: 'apsd',
        pid: null,
        message: '',
      });
    expect(read('error\t16:34:06.056247 +0200\tapsd\t412')).toMatchObject({
      process: 'apsd',
      message: '412',
    });
  });

  it('are not a tab-separated line of something else', () => {
    expect(read('name\tvalue\tmore')).toBeNull();
    expect(read('default\t99:99:99\tapsd\tx')).toBeNull();
    expect(read('default\t16:34:06\t412\tx')).toBeNull();
  });
});

describe('dateTimeOfDay', () => {
  const reference = Date.UTC(2026, 11, 1, 12, 0); // 13:00 at +0100
  it('puts a time of day on the reference day, or the day before when it would be later', () => {
    expect(dateTimeOfDay((10 * 3600 + 5) * 1000, 60, reference)).toBe(
      Date.UTC(2026, 11, 1, 9, 0, 5),
    );
    expect(dateTimeOfDay(23 * 3600 * 1000, 60, reference)).toBe(Date.UTC(2026, 10, 30, 22, 0));
  });
});
