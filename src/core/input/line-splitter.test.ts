import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter';

describe('LineSplitter', () => {
  it('holds a partial line until its newline, across many chunks', () => {
    const splitter = new LineSplitter();
    expect(splitter.push(Buffer.from('one\ntw'))).toEqual(['one']);
    expect(splitter.pending).toBe(true);
    expect(splitter.push(Buffer.from('o'))).toEqual([]);
    expect(splitter.push(Buffer.from('\r\n\nthree\nfo'))).toEqual(['two', '', 'three']);
    expect(splitter.flush()).toBe('fo');
    expect(splitter.flush()).toBeNull();
  });

  it('keeps multi-byte characters split between chunks intact', () => {
    const splitter = new LineSplitter();
    const bytes = Buffer.from('é€\n');
    expect(splitter.push(bytes.subarray(0, 2))).toEqual([]);
    expect(splitter.push(bytes.subarray(2, 3))).toEqual([]);
    expect(splitter.push(bytes.subarray(3))).toEqual(['é€']);
  });

  it('drops and counts a line over 64 KiB without buffering it', () => {
    const splitter = new LineSplitter();
    const lines = [
      ...splitter.push(Buffer.from('before\n' + 'x'.repeat(40_000))),
      ...splitter.push(Buffer.from('x'.repeat(40_000))),
      ...splitter.push(Buffer.from('x\nafter\n')),
    ];
    expect(lines).toEqual(['before', 'after']);
    expect(splitter.oversize).toBe(1);
  });
});
