import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayCommand, processPredicate } from './log-predicate';

/**
 * Reads a predicate back the way `log`'s NSPredicate parser reads string literals (a backslash
 * escapes the next character), refusing anything that is not `process == "..."` joined by OR.
 */
function readPredicate(predicate: string): string[] {
  const names: string[] = [];
  let at = 0;
  for (;;) {
    if (!predicate.startsWith('process == "', at)) throw new Error(`not a comparison at ${at}`);
    at += 'process == "'.length;
    let name = '';
    while (predicate[at] !== '"') {
      if (at >= predicate.length) throw new Error('unterminated literal');
      if (predicate[at] === '\\') at += 1;
      name += predicate[at];
      at += 1;
    }
    names.push(name);
    at += 1;
    if (at === predicate.length) return names;
    if (!predicate.startsWith(' OR ', at)) throw new Error(`junk after a literal at ${at}`);
    at += ' OR '.length;
  }
}

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

describe('processPredicate escaping (user settings reach `log` only through it)', () => {
  it('keeps an injection attempt inside one literal', () => {
    const hostile = 'apsd" OR process == "sshd';
    expect(readPredicate(processPredicate([hostile]))).toEqual([hostile]);
    expect(readPredicate(processPredicate(['a\\', '"', '\\"']))).toEqual(['a\\', '"', '\\"']);
  });

  it('reads back exactly the names it was given, whatever they hold (5,000 cases)', () => {
    const name = fc.string({
      unit: fc.oneof(
        fc.constantFrom('"', '\\', ' OR ', '==', "'", '\n', '\0', '$('),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
      ),
      minLength: 1,
      maxLength: 64,
    });
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 16 }), (names) => {
        expect(readPredicate(processPredicate(names))).toEqual(names);
      }),
      { numRuns: 5_000 },
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
