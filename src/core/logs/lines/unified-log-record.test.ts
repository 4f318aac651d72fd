import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseUnifiedLogLine,
  parseUnifiedTimestamp,
  unifiedRecordToEvent,
} from './unified-log-record';
import { JsonArraySplitter } from '../saved/json-array-splitter';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/logs/${name}`, import.meta.url), 'utf8');
const APSD = new Set(['apsd']);

describe('parseUnifiedTimestamp', () => {
  it('reads the documented format with its numeric zone', () => {
    expect(parseUnifiedTimestamp('2025-08-09 10:11:55.521570-0400')).toBe(
      Date.parse('2025-08-09T14:11:55.521Z'),
    );
    expect(parseUnifiedTimestamp('2018-03-02 09:00:01.123456+0100')).toBe(
      Date.parse('2018-03-02T08:00:01.123Z'),
    );
    expect(parseUnifiedTimestamp('2025-08-09T10:11:55Z')).toBe(Date.parse('2025-08-09T10:11:55Z'));
  });

  it('rejects text that is not a timestamp', () => {
    expect(parseUnifiedTimestamp('yesterday')).toBeNull();
    expect(parseUnifiedTimestamp('2025-13-09 10:11:55-0400')).toBeNull();
  });
});

describe('parseUnifiedLogLine', () => {
  it('reads a log stream capture: banner skipped, escaped paths, other processes filtered', () => {
    const results = fixture('unified-stream.ndjson')
      .split('\n')
      .map((line) => parseUnifiedLogLine(line, APSD));
    expect(results.map((r) => r.skip ?? r.event?.kind)).toEqual([
      'banner',
      'leaf-certificate',
      'connection',
      'other',
      'filtered',
      'trust-failure',
      'trust-failure',
      'blank',
    ]);
    expect(results[1]?.event).toEqual({
      time: '2025-08-09T14:11:55.521Z',
      kind: 'leaf-certificate',
      process: 'apsd',
      pid: 106,
      message: 'Unrecognized leaf certificate',
    });
    expect(results[2]?.event?.message).toBe('<private>: Connection to courier <private> closed');
  });

  it('recognises the finished trailer of log show', () => {
    const lines = fixture('unified-show.ndjson').trim().split('\n');
    expect(parseUnifiedLogLine(lines.at(-1)!, APSD)).toEqual({ skip: 'trailer' });
    expect(lines.slice(0, -1).map((l) => parseUnifiedLogLine(l, APSD).event?.time)).toEqual([
      '2025-08-09T11:11:54.000Z',
      '2025-08-09T12:41:56.250Z',
      '2025-08-09T14:11:55.521Z',
    ]);
  });

  it('reads 2018-era records with processUniqueID/activityID keys', () => {
    const result = parseUnifiedLogLine(fixture('unified-2018.ndjson').trim(), APSD);
    expect(result.event).toMatchObject({
      pid: 81,
      kind: 'connection',
      time: '2018-03-02T08:00:01.123Z',
    });
  });

  it('prefers an explicit process key over the image path', () => {
    const line = JSON.stringify({
      process: 'apsd',
      processImagePath: '/elsewhere/other',
      timestamp: '2025-01-01 00:00:00.000000+0000',
      eventMessage: 'x',
    });
    expect(parseUnifiedLogLine(line, APSD).event?.process).toBe('apsd');
  });

  it.each([
    ['{"eventMessage":"cut off', 'garbled'],
    ['\u0000\u0001binary', 'garbled'],
    ['[1,2]', 'garbled'],
    ['{"timestamp":"2025-01-01 00:00:00+0000","processImagePath":"/x/apsd"}', 'garbled'],
    ['{"eventMessage":"x","timestamp":"soon","processImagePath":"/x/apsd"}', 'garbled'],
    ['{"eventMessage":"x","timestamp":"2025-01-01 00:00:00+0000"}', 'garbled'],
  ])('never throws on a bad line: %j -> %s', (line, reason) => {
    expect(parseUnifiedLogLine(line, APSD)).toEqual({ skip: reason });
  });

  it('reads a pid only when it is an integer', () => {
    const record = {
      processImagePath: '/x/apsd',
      timestamp: '2025-01-01 00:00:00+0000',
      eventMessage: 'x',
      processID: '12',
    };
    expect(unifiedRecordToEvent(record, APSD).event?.pid).toBeNull();
  });
});

describe('JsonArraySplitter', () => {
  function split(chunks: Buffer[]) {
    const elements: string[] = [];
    let oversize = 0;
    const splitter = new JsonArraySplitter({
      element: (b) => elements.push(b.toString('utf8')),
      oversize: () => oversize++,
    });
    for (const chunk of chunks) splitter.push(chunk);
    return { elements, oversize, end: splitter.end() };
  }

  it('splits a log show --style json export fed one byte at a time', () => {
    const bytes = Buffer.from(fixture('unified-show.json'));
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    const { elements, end } = split(chunks);
    expect(end).toBeNull();
    const events = elements.map((e) => unifiedRecordToEvent(JSON.parse(e), APSD));
    expect(events.map((r) => r.skip ?? r.event?.kind)).toEqual([
      'leaf-certificate',
      'leaf-certificate',
      'leaf-certificate',
      'filtered',
    ]);
  });

  it('keeps brackets and escaped quotes inside strings out of the structure', () => {
    const text = '[{"a":"x\\"}]{["},{"b":[1,{"c":"]"}]}, 7 ,"s,t"]';
    const { elements, end } = split([Buffer.from(text)]);
    expect(end).toBeNull();
    expect(elements.map((e) => JSON.parse(e))).toEqual([
      { a: 'x"}]{[' },
      { b: [1, { c: ']' }] },
      7,
      's,t',
    ]);
  });

  it('skips an oversize element and reports a truncated array', () => {
    const big = `{"m":"${'x'.repeat(70_000)}"}`;
    const { elements, oversize, end } = split([
      Buffer.from(`[${big.slice(0, 30_000)}`),
      Buffer.from(`${big.slice(30_000)},{"ok":1},{"cut`),
    ]);
    expect(oversize).toBe(1);
    expect(elements).toEqual(['{"ok":1}']);
    expect(end).toBe('ends inside a record');
  });

  it('says when the input is not an array, and takes one object alone as its one element', () => {
    expect(split([Buffer.from('"a"')]).end).toBe('no JSON array found');
    expect(split([Buffer.from('\ufeff[ ]')]).end).toBeNull();
    const lone = split([Buffer.from('{\n  "a" : 1,\n'), Buffer.from('  "b" : "}"\n}\n')]);
    expect([lone.end, lone.elements]).toEqual([null, ['{\n  "a" : 1,\n  "b" : "}"\n}']]);
  });
});
