import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../shared/format';
import { ageText } from './ages';
import { formatAge } from './format';

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
