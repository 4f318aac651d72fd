import { describe, expect, it } from 'vitest';
import { parseRequestArgs } from './request-args';

const good = { state: 'FIN_WAIT_1', sort: { key: 'age', descending: true }, offset: 0, limit: 100 };

describe("the 'connections:page' argument schema", () => {
  it('accepts a window of up to 500 rows, any state or all, any supported sort', () => {
    expect(parseRequestArgs('connections:page', [good])).toEqual({ ok: true, args: [good] });
    const widest = {
      state: 'all',
      sort: { key: 'peer', descending: false },
      offset: 9_999,
      limit: 500,
    };
    expect(parseRequestArgs('connections:page', [widest]).ok).toBe(true);
  });

  it.each([
    ['a zero limit', { ...good, limit: 0 }, 'limit'],
    ['a limit over 500', { ...good, limit: 501 }, 'limit'],
    ['a fractional limit', { ...good, limit: 10.5 }, 'limit'],
    ['a negative offset', { ...good, offset: -1 }, 'offset'],
    ['a fractional offset', { ...good, offset: 0.5 }, 'offset'],
    ['an unknown state', { ...good, state: 'SYN_FLOOD' }, 'state'],
    ['an unknown sort key', { ...good, sort: { key: 'pid', descending: true } }, 'sort.key'],
    ['a missing direction', { ...good, sort: { key: 'age' } }, 'sort.descending'],
    ['an extra field', { ...good, everything: true }, ''],
  ])('refuses %s with a one-line error naming the field', (_name, query, field) => {
    const parsed = parseRequestArgs('connections:page', [query]);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      const at = field ? `0.${field}` : '0';
      expect(parsed.error).toMatch(
        new RegExp(`^connections:page: invalid argument at ${at}: [^\\n]+$`),
      );
    }
  });

  it('refuses a missing or extra argument', () => {
    expect(parseRequestArgs('connections:page', []).ok).toBe(false);
    expect(parseRequestArgs('connections:page', [good, good]).ok).toBe(false);
  });
});
