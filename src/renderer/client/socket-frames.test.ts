import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { dashboardSocketUrl } from './create-client';
import { describeClose, parseServerFrame } from './socket-frames';

describe('parseServerFrame', () => {
  it('accepts responses and pushes', () => {
    expect(parseServerFrame('{"type":"response","id":3,"ok":true,"result":[1]}')).toEqual({
      type: 'response',
      id: 3,
      ok: true,
      result: [1],
    });
    expect(
      parseServerFrame('{"type":"push","channel":"snapshot","payload":{"takenAt":"x"}}'),
    ).toEqual({ type: 'push', channel: 'snapshot', payload: { takenAt: 'x' } });
  });

  it('keeps only the first line of an error', () => {
    expect(parseServerFrame('{"type":"response","id":1,"ok":false,"error":"a\\nb"}')).toMatchObject(
      {
        ok: false,
        error: 'a',
      },
    );
  });

  it('names what is wrong with junk instead of throwing', () => {
    expect(parseServerFrame('{"type":')).toBe('not JSON (8 characters)');
    expect(parseServerFrame(new Uint8Array([1, 2]))).toBe('not a text frame');
    expect(parseServerFrame('[1]')).toBe('not a JSON object');
    expect(parseServerFrame('{"type":"response","id":"7","ok":true}')).toBe(
      'response without a numeric id',
    );
    expect(parseServerFrame('{"type":"push","channel":"__proto__","payload":{}}')).toBe(
      'unknown push channel __proto__',
    );
    expect(parseServerFrame('{"type":"push","channel":"snapshot","payload":null}')).toBe(
      'snapshot push without a payload',
    );
    expect(parseServerFrame('{"type":"hello"}')).toBe('unknown frame type hello');
  });
});

describe('describeClose', () => {
  it('words the common close codes', () => {
    expect(describeClose(1006, '')).toBe('the connection was lost');
    expect(describeClose(1001, '')).toBe('the dashboard server stopped');
    expect(describeClose(1008, 'frame too large\nmore')).toBe(
      'refused by the server: frame too large',
    );
    expect(describeClose(4000, '')).toBe('closed (code 4000)');
  });
});

describe('backoffDelay', () => {
  const options = { initialMs: 500, maxMs: 15_000, jitter: 0.2 };
  it('doubles up to the cap', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, options, () => 0));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000]);
  });
  it('jitters downwards only, by at most the jitter share', () => {
    expect(backoffDelay(2, options, () => 1)).toBe(1600);
    expect(backoffDelay(2, options, () => 0.5)).toBe(1800);
  });
  it('survives absurd attempt counts', () => {
    expect(backoffDelay(10_000, options, () => 0)).toBe(15_000);
  });
});

describe('dashboardSocketUrl', () => {
  it('uses the page origin and the matching scheme', () => {
    expect(dashboardSocketUrl({ protocol: 'http:', host: '127.0.0.1:4711' })).toBe(
      'ws://127.0.0.1:4711/ws',
    );
    expect(dashboardSocketUrl({ protocol: 'https:', host: 'localhost:8443' })).toBe(
      'wss://localhost:8443/ws',
    );
  });
});
