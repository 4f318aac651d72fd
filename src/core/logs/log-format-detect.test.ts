import { describe, expect, it } from 'vitest';
import { describeUnknown, detectLogFormat, isGzip } from './log-format-detect';

const detect = (text: string) => detectLogFormat(Buffer.from(text));

describe('detectLogFormat', () => {
  it.each([
    ['[{"eventMessage":"x"}]', 'json'],
    ['\ufeff  \n[', 'json'],
    ['{"eventMessage":"x"}\n', 'ndjson'],
    ['Filtering the log data using "process == "apsd""\n{"a":1}', 'ndjson'],
    ['May  7 21:54:23 host.local apsd[81]: Unrecognized leaf certificate\n', 'syslog'],
    ['\tcontinued from a rotated file\nMay  7 21:54:23 host apsd[81]: x\n', 'syslog'],
    ['2025-05-07T21:54:23.123456+02:00 host apsd[81]: x\n', 'syslog'],
    [' \n\n', 'empty'],
    ['', 'empty'],
    ['hello world\nnot a log\n', 'unknown'],
  ])('%j -> %s', (text, format) => {
    expect(detect(text)).toBe(format);
  });

  it('says whether an unknown file is binary', () => {
    expect(describeUnknown(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toBe(
      'binary data, not a log file',
    );
    expect(describeUnknown(Buffer.from('hello world'))).toBe(
      'no syslog, ndjson or json log records at its start',
    );
  });

  it('recognises gzip by its magic bytes', () => {
    expect(isGzip(Buffer.from([0x1f, 0x8b, 0x08]))).toBe(true);
    expect(isGzip(Buffer.from('May'))).toBe(false);
    expect(isGzip(Buffer.from([0x1f]))).toBe(false);
  });
});
