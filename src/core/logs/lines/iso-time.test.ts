import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time';

describe('isoTime', () => {
  it('matches Date#toISOString across minutes, years and odd times', () => {
    const times = [
      0,
      59_999,
      60_000,
      Date.parse('2024-12-31T23:59:59.999Z'),
      Date.parse('2025-01-01T00:00:00.000Z'),
      Date.parse('2025-08-09T14:11:55.521Z'),
      Date.parse('2025-08-09T14:11:05.007Z'),
      Date.parse('1969-12-31T23:59:58.250Z'),
      Date.parse('+010000-01-01T00:00:00.000Z'),
    ];
    for (const t of [...times, ...times.reverse()])
      expect(isoTime(t)).toBe(new Date(t).toISOString());
  });
});
