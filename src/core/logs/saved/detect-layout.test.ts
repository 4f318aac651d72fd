import { describe, expect, it } from 'vitest';
import { describeUnknown, detectLayout, isGzip } from './detect-layout';

const layout = (text: string) => detectLayout(Buffer.from(text)).layout;

describe('detectLayout', () => {
  it.each([
    ['[{"eventMessage":"x"}]', 'json'],
    ['\ufeff  \n[', 'json'],
    ['[\n]', 'json'],
    ['$ log show --style json --last 1m\n[{\n  "eventMessage" : "x"\n}]', 'json'],
    // An elision is not an array: the founding story's zgrep paste began with one.
    ['[...]\n/var/log/system.log.0.gz:May 25 00:48:01 host apsd[106]: x\n', 'lines'],
    ['{"eventMessage":"x"}\n', 'lines'],
    // One pretty-printed element pasted alone: one record over many lines.
    ['{\n  "eventMessage" : "x"\n}\n', 'json'],
    ['```\n{ "eventMessage" : "x",\n  "processID" : 1\n}\n```', 'json'],
    ['Filtering the log data using "process == "apsd""\n{"a":1}', 'lines'],
    ['May  7 21:54:23 host.local apsd[81]: Unrecognized leaf certificate\n', 'lines'],
    ['hello world\nnot a log\n', 'lines'],
    [' \n\n', 'empty'],
    ['', 'empty'],
  ])('%j -> %s', (text, expected) => {
    expect(layout(text)).toBe(expected);
  });

  it('skips the framing before a json array, in bytes', () => {
    const text = '```\n$ log show --style json\n[{"eventMessage":"x"}]';
    expect(detectLayout(Buffer.from(text))).toEqual({
      layout: 'json',
      skipBytes: text.indexOf('['),
      framingLines: 2,
    });
  });

  it('says whether an unreadable file is binary', () => {
    expect(describeUnknown(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toBe(
      'binary data, not a log file',
    );
    expect(describeUnknown(Buffer.from('hello world'))).toBe('no log records');
  });

  it('recognises gzip by its magic bytes', () => {
    expect(isGzip(Buffer.from([0x1f, 0x8b, 0x08]))).toBe(true);
    expect(isGzip(Buffer.from('May'))).toBe(false);
    expect(isGzip(Buffer.from([0x1f]))).toBe(false);
  });
});
