import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanLogFiles } from './scan-saved-logs';
import { expectedFormats } from '../lines/line-formats';
import { SyslogParser } from '../lines/bsd-syslog';

const fixtures = new URL('../../../../test/fixtures/logs/', import.meta.url);
const REFERENCE = new Date(2025, 0, 1, 0, 10);
let dir: string;
const at = (name: string) => join(dir, name);

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** Syslog from Dec 27 on, a line every 4 s: other senders, and an apsd line every 90 minutes. */
function syslogDay(lines: number): string {
  const out: string[] = [];
  const two = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < lines; i++) {
    const t = new Date(2024, 11, 27, 0, 0, i * 4);
    const stamp = `${MONTHS[t.getMonth()]} ${String(t.getDate()).padStart(2, ' ')} ${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}`;
    out.push(
      i % 1350 === 0
        ? `${stamp} mac.local apsd[106]: Unrecognized leaf certificate ${i}`
        : `${stamp} mac.local configd[17]: network changed: v4(en0:192.168.1.${i % 250}) ${i * 7919}`,
    );
  }
  return `${out.join('\n')}\n`;
}

function parseText(text: string) {
  const parser = new SyslogParser({
    processes: new Set(['apsd']),
    referenceMs: () => REFERENCE.getTime(),
  });
  for (const line of text.split('\n')) if (line) parser.feed(line);
  parser.flush();
  return parser.take();
}

function write(name: string, content: string | Buffer) {
  writeFileSync(at(name), content);
  utimesSync(at(name), REFERENCE, REFERENCE);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'apsd-scan-'));
  write('system.log', readFileSync(new URL('system-log.txt', fixtures)));
  write('system.log.0.gz', gzipSync(syslogDay(20_000)));
  write('system.log.3.gz', gzipSync(syslogDay(20_000)).subarray(0, 40_000));
  copyFileSync(new URL('unified-show.json', fixtures), at('export.json'));
  write('export.txt', gzipSync(readFileSync(new URL('unified-show.ndjson', fixtures))));
  const junk = Buffer.alloc(4096);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 2654435761) >>> 24;
  write(
    'junk-inside.log',
    Buffer.concat([
      Buffer.from('Jan  1 00:00:01 mac.local apsd[106]: Unrecognized leaf certificate\n'),
      junk,
      Buffer.from('\nJan  1 00:05:01 mac.local apsd[106]: Untrusted peer, closing connection\n'),
    ]),
  );
  write('all-junk.bin', junk);
  write(
    'huge-line.log',
    [
      'Jan  1 00:00:01 mac.local apsd[106]: APSCourier connected',
      `Jan  1 00:00:02 mac.local apsd[106]: ${'y'.repeat(1024 * 1024)}`,
      'Jan  1 00:00:03 mac.local apsd[106]: Unrecognized leaf certificate',
    ].join('\n'),
  );
  write('empty.log', '');
  mkdirSync(at('a-directory'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scanLogFiles', () => {
  it('reads a plain system.log, dating its lines from the modification time', async () => {
    const result = await scanLogFiles([at('system.log')]);
    expect(result.events).toEqual(parseText(readFileSync(at('system.log'), 'utf8')));
    expect(result.events.map((e) => e.kind)).toEqual([
      'leaf-certificate',
      'trust-failure',
      'trust-failure',
      'trust-failure',
      'connection',
      'trust-failure',
    ]);
    // 12 lines: 7 dated records, 2 repeats, 3 tab-indented continuations (counted by hand).
    expect(result.files).toEqual([
      {
        path: at('system.log'),
        format: 'syslog',
        formats: { syslog: 7 },
        compressed: false,
        lines: 12,
        linesNotRead: 0,
        firstNotRead: null,
        events: 6,
      },
    ]);
    expect([result.linesRead, result.linesNotRead, result.firstNotRead]).toEqual([12, 0, null]);
    expect(result.warnings).toEqual([
      expect.stringMatching(/system\.log: syslog lines carry no year or time zone; years inferred/),
    ]);
  });

  it('reads a rotated .gz archive like the plain text inside it', async () => {
    const text = syslogDay(20_000);
    const result = await scanLogFiles([at('system.log.0.gz')]);
    expect(result.events).toEqual(parseText(text));
    expect(result.events).toHaveLength(15);
    expect(result.files[0]).toMatchObject({ format: 'syslog', compressed: true, lines: 20_000 });
    expect(result.files[0]?.warning).toBeUndefined();
  });

  it('keeps everything before the break of a truncated .gz and says where it stopped', async () => {
    const decodable = gunzipSync(readFileSync(at('system.log.3.gz')), {
      finishFlush: constants.Z_SYNC_FLUSH,
    }).toString('utf8');
    const complete = decodable.split('\n').length - 1;
    const result = await scanLogFiles([at('system.log.3.gz')]);
    expect(result.events).toEqual(parseText(decodable));
    expect(result.events.length).toBeGreaterThan(0);
    expect(result.events.length).toBeLessThan(15);
    expect(result.files[0]?.lines).toBe(decodable.endsWith('\n') ? complete : complete + 1);
    expect(result.warnings[0]).toBe(
      `${at('system.log.3.gz')}: truncated after ${complete.toLocaleString('en-US')} lines`,
    );
  });

  it('detects json and gzipped ndjson exports by content, not by name', async () => {
    const result = await scanLogFiles([at('export.json'), at('export.txt')]);
    expect(result.files.map((f) => [f.format, f.compressed, f.events])).toEqual([
      ['json', false, 3],
      ['ndjson', true, 3],
    ]);
    expect(result.events.map((e) => e.time)).toEqual([
      '2025-08-09T11:11:54.000Z',
      '2025-08-09T11:11:54.000Z',
      '2025-08-09T12:41:56.250Z',
      '2025-08-09T12:41:56.250Z',
      '2025-08-09T14:11:55.521Z',
      '2025-08-09T14:11:55.521Z',
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('reads one pretty-printed json element pasted alone as one record, every line accounted', async () => {
    const element = [
      '{',
      '  "eventMessage" : "Unrecognized leaf certificate",',
      '  "processImagePath" : "\\/System\\/Library\\/PrivateFrameworks\\/ApplePushService.framework\\/apsd",',
      '  "processID" : 133,',
      '  "timestamp" : "2026-09-15 08:35:55.176162-0700",',
      '  "messageType" : "Default"',
      '}',
      '',
    ].join('\n');
    write('one-element.json', element);
    const result = await scanLogFiles([at('one-element.json')]);
    expect(result.events.map((e) => [e.kind, e.time])).toEqual([
      ['leaf-certificate', '2026-09-15T15:35:55.176Z'],
    ]);
    expect(result.files.map((f) => [f.format, f.lines, f.linesNotRead, f.events])).toEqual([
      ['json', 7, 0, 1],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('skips binary junk and a 1 MB line with a warning, reading the lines around them', async () => {
    const result = await scanLogFiles([
      at('junk-inside.log'),
      at('huge-line.log'),
      at('all-junk.bin'),
    ]);
    // Oldest first; lines of the same second keep the order of the files given.
    expect(result.events.map((e) => e.message)).toEqual([
      'Unrecognized leaf certificate',
      'APSCourier connected',
      'Unrecognized leaf certificate',
      'Untrusted peer, closing connection',
    ]);
    const [inside, huge, junk] = result.files;
    expect(inside?.warning).toMatch(
      /junk-inside\.log: (\d+) lines not read \(\1 of binary data\), the first at line 2: \(binary data\)$/,
    );
    expect(huge?.warning).toBe(
      `${at('huge-line.log')}: 1 line not read (1 longer than 64 KiB), the first at line 2: (longer than 64 KiB)`,
    );
    expect(junk).toMatchObject({ format: 'unknown', events: 0 });
    expect(junk?.warning).toBe(
      `${at('all-junk.bin')}: binary data, not a log file: no record in 16 lines (expected ${expectedFormats()})`,
    );
  });

  it('turns an unreadable path into a one-line warning and reads the others', async () => {
    const result = await scanLogFiles([
      at('missing.log'),
      at('a-directory'),
      at('empty.log'),
      at('system.log'),
    ]);
    expect(result.files.map((f) => [f.format, f.warning ?? null])).toEqual([
      ['unreadable', `${at('missing.log')}: cannot read: no such file`],
      ['unreadable', `${at('a-directory')}: cannot read: is a directory`],
      ['empty', null],
      ['syslog', null],
    ]);
    expect(result.events).toHaveLength(6);
    expect(result.linesRead).toBe(12);
  });

  it('reports progress up to the total bytes, and filters by time', async () => {
    const calls: [number, number][] = [];
    const since = new Date(2025, 0, 1, 0, 2, 0).getTime();
    const paths = [at('system.log'), at('system.log.0.gz'), at('system.log.3.gz')];
    const result = await scanLogFiles(paths, {
      onProgress: (d, t) => calls.push([d, t]),
      sinceMs: since,
    });
    const total = paths.reduce((sum, p) => sum + readFileSync(p).length, 0);
    expect(calls.at(-1)).toEqual([total, total]);
    expect(calls.every(([d, t], i) => t === total && d >= (calls[i - 1]?.[0] ?? 0))).toBe(true);
    expect(result.events.map((e) => e.message)).toEqual([
      'Stream error occurred for <private>:\n\tError Domain=kCFErrorDomainCFNetwork Code=-1005\n\t"The network connection was lost."',
      'Untrusted peer, closing connection immediately',
    ]);
  });
});

describe('scanLogFiles on odd gzip files', () => {
  it('reads every member of a multi-member .gz, and keeps what precedes trailing junk', async () => {
    const first = 'Jan  1 00:00:01 mac.local apsd[106]: Unrecognized leaf certificate\n';
    const second = 'Jan  1 00:05:01 mac.local apsd[106]: Untrusted peer, closing connection\n';
    write('multi.gz', Buffer.concat([gzipSync(first), gzipSync(second)]));
    write(
      'junk-after.gz',
      Buffer.concat([gzipSync(first + second), Buffer.from('not gzip at all')]),
    );
    const result = await scanLogFiles([at('multi.gz'), at('junk-after.gz')]);
    expect(result.files.map((f) => [f.lines, f.events])).toEqual([
      [2, 2],
      [2, 2],
    ]);
    expect(result.files[0]?.warning).toBeUndefined();
    expect(result.files[1]?.warning).toBe(
      `${at('junk-after.gz')}: corrupt after 2 lines (incorrect header check)`,
    );
  });
});

describe('scanLogFiles salvaging a corrupt .gz', () => {
  it('keeps every line before junk that follows megabytes of good data', async () => {
    const text = syslogDay(60_000);
    write(
      'big-junk.gz',
      Buffer.concat([gzipSync(text), Buffer.from('\u0001junk after the member')]),
    );
    const result = await scanLogFiles([at('big-junk.gz')]);
    expect(result.events).toEqual(parseText(text));
    expect(result.files[0]?.lines).toBe(60_000);
    expect(result.files[0]?.warning).toBe(
      `${at('big-junk.gz')}: corrupt after 60,000 lines (incorrect header check)`,
    );
  });

  it('keeps a clean prefix of a .gz damaged in the middle', async () => {
    const text = syslogDay(60_000);
    const damaged = gzipSync(text);
    damaged.fill(0xff, damaged.length >> 1, (damaged.length >> 1) + 64);
    write('damaged.gz', damaged);
    const result = await scanLogFiles([at('damaged.gz')]);
    const full = parseText(text);
    const [file] = result.files;
    expect(file?.warning).toMatch(/damaged\.gz: corrupt after [\d,]+ lines \(.+\)$/);
    expect(file!.lines).toBeGreaterThan(10_000);
    expect(file!.lines).toBeLessThan(60_000);
    // Lines before the damage are exact; at most the one cut by it may be partial.
    expect(result.events.slice(0, -1)).toEqual(full.slice(0, result.events.length - 1));
  });
});
