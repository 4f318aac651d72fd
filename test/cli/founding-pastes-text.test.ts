/**
 * The text a newcomer reads for the founding story's pastes (Ask Different 131917): each fact once,
 * in plain words, nothing contradicting what stands beside it. Exact lines, not fragments.
 */
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/cli-harness';

const real = 'test/fixtures/real';

/** No line (blank lines aside) is printed twice. */
function saidOnce(out: string): void {
  const lines = out.split('\n').filter((line) => line.trim() !== '');
  expect(lines.filter((line, i) => lines.indexOf(line) !== i)).toEqual([]);
}

describe('text output for the founding pastes', () => {
  it('analyze-netstat on the redacted netstat -An paste', async () => {
    const file = `${real}/netstat/macos-10.9.2-An-redacted.ask-different-131917.txt`;
    const { code, out, err } = await runCliCaptured(['analyze-netstat', file]);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toBe(
      [
        'WATCH  3 rows, addresses redacted: 1 ESTABLISHED, 2 FIN_WAIT_1 holding 249 bytes; which process owns them is unknown',
        '',
        'Connections attributed to apsd: none',
        '',
        'Sources:',
        '  Sockets: macos-10.9.2-An-redacted.ask-different-131917.txt (netstat-An): 3 rows read, 0 attributed to apsd',
        '  Logs: not part of analyze-netstat',
        '  Daemon: not checked: the capture may come from another machine',
        '',
      ].join('\n'),
    );
    saidOnce(out);
  });

  it('scan-logs on the zgrep paste: three leaf messages every ~1 h 30 min, said the same way twice', async () => {
    const file = `${real}/logs/ask-different-131917-zgrep.txt`;
    const { code, out } = await runCliCaptured(['scan-logs', file]);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      "OK  'Unrecognized leaf certificate' 3 times, every ~1 h 30 min: a known message, reported as benign",
      '',
      'Log lines of apsd:',
      expect.stringMatching(
        /^ {2}Unrecognized leaf certificate \(benign\): 3, every ~1 h 30 min, first 25 May( \d{4})? 00:48, last 25 May( \d{4})? 03:48$/,
      ),
    ]);
    expect(lines.slice(4, 9)).toEqual([
      '',
      'Sources:',
      '  Sockets: not part of scan-logs',
      '  Logs: ask-different-131917-zgrep.txt (syslog): 6 lines read',
      '  Daemon: not checked: the logs may come from another machine',
    ]);
    saidOnce(out);
  });

  it('scan-logs on the whole post: the lines not read counted once, the first shown once', async () => {
    const file = `${real}/logs/ask-different-131917-post.txt`;
    const { code, out } = await runCliCaptured(['scan-logs', file]);
    expect(code).toBe(0);
    expect(out).toContain(
      '  Logs: ask-different-131917-post.txt (syslog): 9 lines read, 3 not read\n',
    );
    expect(out.split('"Repeated invalid certificates"').length - 1).toBe(1);
    saidOnce(out);
  });
});
