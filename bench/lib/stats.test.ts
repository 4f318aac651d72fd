import { describe, expect, it } from 'vitest';
import { ratio, summarize } from './stats';

describe('summarize', () => {
  it('takes the middle value of an odd count and the mean of the middle pair of an even one', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, n: 3 });
    expect(summarize([4, 1, 3, 10])).toEqual({ median: 3.5, min: 1, max: 10, n: 4 });
  });

  it('ignores values that are not finite and refuses an empty set', () => {
    expect(summarize([2, Number.NaN, 4, Number.POSITIVE_INFINITY])).toMatchObject({
      median: 3,
      n: 2,
    });
    expect(() => summarize([Number.NaN])).toThrow('no finite measurements');
  });
});

describe('ratio', () => {
  it('divides the medians, and has none against a zero median', () => {
    expect(ratio(summarize([2, 4, 6]), summarize([1, 2, 3]))).toBe(2);
    expect(ratio(summarize([2]), summarize([0]))).toBeNull();
  });
});
