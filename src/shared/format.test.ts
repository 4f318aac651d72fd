import { describe, expect, it } from 'vitest';
import { countOf, formatAgo, formatBytes, formatCount, formatDuration } from './format';

describe('shared formatters', () => {
  it('words durations in at most two units', () => {
    expect(formatDuration(12.9)).toBe('12 s');
    expect(formatDuration(47 * 60 + 59)).toBe('47 min');
    expect(formatDuration(3 * 3600)).toBe('3 h');
    expect(formatDuration(3 * 3600 + 12 * 60 + 5)).toBe('3 h 12 min');
    expect(formatDuration(2 * 86400 + 4 * 3600 + 59 * 60)).toBe('2 d 4 h');
    expect(formatDuration(-1)).toBe('unknown');
    expect(formatDuration(Number.NaN)).toBe('unknown');
  });

  it('words bytes in base 1000 with one decimal below 10', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1034)).toBe('1 KB');
    expect(formatBytes(58_400)).toBe('58 KB');
    expect(formatBytes(1_255_034)).toBe('1.3 MB');
    expect(formatBytes(999_999)).toBe('1 MB');
    expect(formatBytes(-5)).toBe('unknown');
  });

  it('groups counts and picks singular or plural', () => {
    expect(formatCount(10412)).toBe('10,412');
    expect(countOf(1, 'connection')).toBe('1 connection');
    expect(countOf(2400, 'connection')).toBe('2,400 connections');
    expect(countOf(2, 'mouse', 'mice')).toBe('2 mice');
  });

  it('says how long ago, or that the time is unknown', () => {
    const now = '2026-05-07T21:54:23.000Z';
    expect(formatAgo('2026-05-07T21:50:23.000Z', now)).toBe('4 min ago');
    expect(formatAgo(now, now)).toBe('just now');
    expect(formatAgo('garbage', now)).toBe('at an unknown time');
  });
});
