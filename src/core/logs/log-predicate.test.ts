import { describe, expect, it } from 'vitest';
import { displayCommand, processPredicate } from './log-predicate';

describe('processPredicate', () => {
  it('matches the documented predicate for apsd', () => {
    expect(processPredicate(['apsd'])).toBe('process == "apsd"');
  });

  it('joins several names and escapes quotes and backslashes', () => {
    expect(processPredicate(['apsd', 'a"b\\c'])).toBe(
      'process == "apsd" OR process == "a\\"b\\\\c"',
    );
  });
});

describe('displayCommand', () => {
  it('quotes what a shell would split', () => {
    expect(displayCommand('log', ['stream', '--predicate', `process == "it's"`])).toBe(
      `log stream --predicate 'process == "it'\\''s"'`,
    );
  });
});
