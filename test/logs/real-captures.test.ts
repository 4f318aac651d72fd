/**
 * Real log captures from public sources (test/fixtures/real/SOURCES.md), each with counts made by
 * hand and with grep/awk over the file, never with the parser: lines, lines not read, and the
 * watched process's lines by kind.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanLogFiles } from '../../src/core/logs/saved/scan-saved-logs';
import { LOG_KINDS, type LogKind, type Snapshot } from '../../src/shared/snapshot';
import { runCliCaptured } from '../support/cli-harness';

const dir = 'test/fixtures/real/logs/';

interface Expected {
  file: string;
  process: string;
  /** Lines in the file (`wc -l`; every capture ends with a newline). */
  lines: number;
  notRead: number;
  /** 1-based line of the first line not read. */
  firstNotRead?: number;
  kinds: Partial<Record<LogKind, number>>;
}

// Counted by hand; the comments say how.
const CAPTURES: Expected[] = [
  // prompt, [...], 3 prefixed apsd lines, [...]
  {
    file: 'ask-different-131917-zgrep.txt',
    process: 'apsd',
    lines: 6,
    notRead: 0,
    kinds: { 'leaf-certificate': 3 },
  },
  // the heading, the sentence and "Related documentation" are prose
  {
    file: 'ask-different-131917-post.txt',
    process: 'apsd',
    lines: 12,
    notRead: 3,
    firstNotRead: 1,
    kinds: { 'leaf-certificate': 3 },
  },
  {
    file: 'security-se-56678-system-log.txt',
    process: 'apsd',
    lines: 2,
    notRead: 0,
    kinds: { 'leaf-certificate': 2 },
  },
  {
    file: 'security-se-56749-leaf.txt',
    process: 'apsd',
    lines: 1,
    notRead: 0,
    kinds: { 'leaf-certificate': 1 },
  },
  // SSLHandshake failed, three "failed to evaluate trust", "Untrusted peer"
  {
    file: 'security-se-56749-mitm.txt',
    process: 'apsd',
    lines: 5,
    notRead: 0,
    kinds: { 'trust-failure': 5 },
  },
  // 3 shell commands, 7 dated apsd lines (awk '/^[A-Z][a-z][a-z] /'), 5 continuation lines of the payload
  {
    file: 'stackoverflow-37124075-apsd-verbose.txt',
    process: 'apsd',
    lines: 15,
    notRead: 3,
    firstNotRead: 1,
    kinds: { other: 7 },
  },
  // two SecTrustEvaluate lists with anchor checks, one SSLHandshake failure
  {
    file: 'openradar-27426357-ios-syslog.txt',
    process: 'apsd',
    lines: 3,
    notRead: 0,
    kinds: { 'trust-failure': 3 },
  },
  // 6 apsd lines: [leaf SSLHostname] alone, the anchor/marker list, 2 "Failed to validate", 2 "Untrusted peer"
  {
    file: 'ios-apns-intercept-2017.txt',
    process: 'apsd',
    lines: 7,
    notRead: 0,
    kinds: { 'trust-failure': 5, other: 1 },
  },
  // 2 apsd(PersistentConnection) lines, the first continued ("... Connected on 0 interfaces.")
  {
    file: 'ios-apsd-token-2017.txt',
    process: 'apsd',
    lines: 3,
    notRead: 0,
    kinds: { connection: 1, other: 1 },
  },
  {
    file: 'pushproxy-28-ios9-substrate.txt',
    process: 'apsd',
    lines: 4,
    notRead: 0,
    kinds: { other: 4 },
  },
  {
    file: 'pushproxy-28-ios9-handshake.txt',
    process: 'apsd',
    lines: 1,
    notRead: 0,
    kinds: { 'trust-failure': 1 },
  },
  // awk -F'\t' '$3=="apsd"': 12 and 8 lines; none holds a connection or trust word
  {
    file: 'aws-sdk-ios-1153-console-copy.txt',
    process: 'apsd',
    lines: 12,
    notRead: 0,
    kinds: { other: 12 },
  },
  {
    file: 'aws-sdk-ios-1153-console-copy-mixed.txt',
    process: 'apsd',
    lines: 12,
    notRead: 0,
    kinds: { other: 8 },
  },
  // fence, prompt, 2 banners, header, 6 logger rows, fence
  {
    file: 'vmnet-broker-log-show.md',
    process: 'logger',
    lines: 12,
    notRead: 0,
    kinds: { other: 6 },
  },
  // fence, make prompt, echoed command, banner, header, 2 rows each with its sender on the next line, ..., fence
  {
    file: 'roc-vad-log-stream.md',
    process: 'com.apple.audio.Core-Audio-Driver-Service',
    lines: 11,
    notRead: 0,
    kinds: { other: 2 },
  },
  {
    file: 'pymobiledevice3-remotepairingd-log-stream.md',
    process: 'remotepairingd',
    lines: 6,
    notRead: 0,
    kinds: { other: 3 },
  },
  // "### Prompt 26", the row cut to "Info    ...", "### Prompt 27"
  {
    file: 'openclaw-log-stream-transcript.md',
    process: 'OpenClaw',
    lines: 9,
    notRead: 3,
    firstNotRead: 1,
    kinds: { other: 1 },
  },
  {
    file: 'hacktricks-screensaver-log-stream-syslog.md',
    process: 'legacyScreenSaver',
    lines: 8,
    notRead: 0,
    kinds: { other: 3 },
  },
  {
    file: 'ernw-mojave-log-stream-syslog.md',
    process: 'sudo',
    lines: 5,
    notRead: 0,
    kinds: { other: 1 },
  },
  // 23 node rows (grep -c '^2026-'): 2 "Trust evaluate failure", 4 "activating connection"
  {
    file: 'cursor-node-log-show-compact.md',
    process: 'node',
    lines: 27,
    notRead: 0,
    kinds: { 'trust-failure': 2, connection: 4, other: 17 },
  },
  // 4 rows, 2 of them CoreSimulatorBridge; 24 lines continue the messages
  {
    file: 'neondrift-simulator-log-show-compact.md',
    process: 'CoreSimulatorBridge',
    lines: 31,
    notRead: 0,
    kinds: { other: 2 },
  },
];

function byKind(kinds: Partial<Record<LogKind, number>>): Record<LogKind, number> {
  return Object.fromEntries(LOG_KINDS.map((kind) => [kind, kinds[kind] ?? 0])) as Record<
    LogKind,
    number
  >;
}

describe('real log captures', () => {
  it('are at least 20, each counted by hand', () => {
    expect(CAPTURES.length).toBeGreaterThanOrEqual(20);
    for (const capture of CAPTURES) {
      const text = readFileSync(dir + capture.file, 'utf8');
      expect(text.split('\n').length - 1, capture.file).toBe(capture.lines);
    }
  });

  it.each(CAPTURES)(
    '$file: every line accounted for, the kinds counted by hand',
    async (capture) => {
      const result = await scanLogFiles([dir + capture.file], { processes: [capture.process] });
      const [file] = result.files;
      expect(file!.lines).toBe(capture.lines);
      expect(file!.linesNotRead).toBe(capture.notRead);
      expect(file!.firstNotRead?.line ?? null).toBe(capture.firstNotRead ?? null);
      expect(result.linesRead + result.linesNotRead).toBe(capture.lines);
      const counted = byKind({});
      for (const event of result.events) counted[event.kind]++;
      expect(counted).toEqual(byKind(capture.kinds));
      expect(result.events.every((event) => event.process === capture.process)).toBe(true);
      expect(file!.format).not.toBe('unknown');
    },
  );

  it('reads the founding story paste: 3 leaf-certificate lines, exit 0, every line read', async () => {
    const run = await runCliCaptured([
      'scan-logs',
      `${dir}ask-different-131917-zgrep.txt`,
      '--json',
    ]);
    expect(run.code).toBe(0);
    const snapshot = JSON.parse(run.out) as Snapshot;
    expect(snapshot.logs.byKind['leaf-certificate']).toBe(3);
    expect(snapshot.source.logs).toMatchObject({ status: 'ok', linesRead: 6, linesNotRead: 0 });
    const text = await runCliCaptured(['scan-logs', `${dir}ask-different-131917-zgrep.txt`]);
    expect(text.out).toMatch(/'Unrecognized leaf certificate' 3 times/);
    expect(text.out).toMatch(/6 lines read/);
  });

  it('counts the two relayed "Untrusted peer" lines of an iOS interception as trust failures', async () => {
    const run = await runCliCaptured(['scan-logs', `${dir}ios-apns-intercept-2017.txt`, '--json']);
    const snapshot = JSON.parse(run.out) as Snapshot;
    const untrusted = snapshot.logs.recent.filter((e) => /Untrusted peer/.test(e.message));
    expect(untrusted.map((e) => [e.kind, e.pid])).toEqual([
      ['trust-failure', 870],
      ['trust-failure', 870],
    ]);
    expect(snapshot.verdict.level).not.toBe('ok');
  });

  it('shows the first line not read, with its number and text, in JSON and text', async () => {
    const path = `${dir}ask-different-131917-post.txt`;
    const json = JSON.parse((await runCliCaptured(['scan-logs', path, '--json'])).out) as Snapshot;
    expect(json.source.logs.linesNotRead).toBe(3);
    expect(json.source.logs.firstNotRead).toEqual({
      file: path,
      line: 1,
      text: 'Repeated invalid certificates',
    });
    expect(json.warnings.join('\n')).toContain(
      '3 lines not read, the first at line 1: "Repeated invalid certificates"',
    );
    const text = (await runCliCaptured(['scan-logs', path])).out;
    // The counts in the Sources line, the first line not read once, in its warning.
    expect(text).toContain(
      'Logs: ask-different-131917-post.txt (syslog): 9 lines read, 3 not read\n',
    );
    expect(text.split('Repeated invalid certificates').length - 1).toBe(1);
    expect(text).toContain(
      `warning: ${path}: 3 lines not read, the first at line 1: "Repeated invalid certificates"`,
    );
  });

  it("is no trust-failure verdict for a capture of another process's lines", async () => {
    const run = await runCliCaptured([
      'scan-logs',
      `${dir}cursor-node-log-show-compact.md`,
      '--json',
    ]);
    expect(run.code).toBe(0);
    const snapshot = JSON.parse(run.out) as Snapshot;
    // Security's message was node's, not apsd's: no apsd event at all.
    expect(snapshot.logs.byKind['trust-failure']).toBe(0);
    expect(snapshot.source.logs.linesRead).toBe(27);
  });

  it('refuses a file with no record in one line, and reads the others of several with a warning', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'apsd-watch-unread-'));
    try {
      const prose = join(tmp, 'notes.txt');
      writeFileSync(prose, 'Every 90 minutes apsd says something.\nAny idea?\n');
      const alone = await runCliCaptured(['scan-logs', prose]);
      expect(alone.code).toBe(2);
      expect(alone.out).toBe('');
      expect(alone.err.trim().split('\n')).toHaveLength(1);
      expect(alone.err).toMatch(
        /notes\.txt: no log records: no record in 2 lines \(expected system\.log syslog, /,
      );
      const both = await runCliCaptured([
        'scan-logs',
        `${dir}security-se-56749-mitm.txt`,
        prose,
        '--json',
      ]);
      expect(both.code).toBe(0);
      const snapshot = JSON.parse(both.out) as Snapshot;
      expect(snapshot.source.logs.status).toBe('failed');
      expect(snapshot.source.logs.detail).toBe('1 of 2 files not read: notes.txt');
      expect(snapshot.warnings.some((w) => w.startsWith(`${prose}: no log records`))).toBe(true);
      expect(snapshot.logs.byKind['trust-failure']).toBe(5);
      expect(snapshot.verdict.reasons).toContain(
        'Could not read all of the logs: 1 of 2 files not read: notes.txt; trust failures in them are unknown',
      );
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
