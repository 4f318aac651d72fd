import { describe, expect, it } from 'vitest';
import { alternate } from './alternate';

describe('alternate', () => {
  it('starts each round one side later, after the round hook', async () => {
    const order: string[] = [];
    const side = (name: string) => ({ name, run: async () => void order.push(name) });
    await alternate(
      3,
      [side('a'), side('b'), side('c')],
      async (round) => void order.push(`#${round}`),
    );
    expect(order).toEqual(['#0', 'a', 'b', 'c', '#1', 'b', 'c', 'a', '#2', 'c', 'a', 'b']);
  });

  it('names the side that failed, in one line', async () => {
    const failing = {
      name: 'zgrep',
      run: async () => Promise.reject(new Error('exited with 2\nmore')),
    };
    await expect(alternate(1, [failing])).rejects.toThrow(/^zgrep: exited with 2$/);
  });
});
