import { describe, expect, it } from 'vitest';
import { ageText, formatDuration } from '../../shared/format';
import { formatAge } from './table-age';

describe('ageText', () => {
  it('gives the age of a socket opened while watching', () => {
    expect(ageText(47 * 60, 3 * 3600, formatAge)).toBe('47m');
  });
  it('says "at least" for a socket that was there when watching began', () => {
    expect(ageText(3 * 3600, 3 * 3600, formatDuration)).toBe('≥ 3 h');
    expect(ageText(5 * 3600, 3 * 3600, formatAge)).toBe('≥ 3h');
  });
  it('knows no age from a single sample', () => {
    expect(ageText(0, 0, formatAge)).toBe('unknown');
  });
});

describe('formatAge', () => {
  it('narrows the shared duration wording for the table', () => {
    expect(formatAge(12)).toBe('12s');
    expect(formatAge(47 * 60 + 5)).toBe('47m');
    expect(formatAge(3 * 3600 + 12 * 60)).toBe('3h 12m');
    expect(formatAge(7200)).toBe('2h');
    expect(formatAge(2 * 86400 + 4 * 3600 + 59)).toBe('2d 4h');
  });
});
