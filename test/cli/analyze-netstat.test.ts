import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Snapshot } from '../../src/shared/snapshot';
import { runCliCaptured } from '../support/cli-harness';

const fixture = (name: string) => `test/fixtures/netstat/${name}`;

async function analyze(args: string[], stdin?: string) {
  const run = await runCliCaptured(
    ['analyze-netstat', ...args],
    stdin === undefined ? {} : { stdin },
  );
  return {
    ...run,
    snapshot: run.code === 0 && args.includes('--json') ? (JSON.parse(run.out) as Snapshot) : null,
  };
}

const real = (name: string) => `test/fixtures/real/netstat/${name}`;

describe('apsd-watch analyze-netstat on real pastes', () => {
  it("reads the founding story's redacted paste: states and queues, owner unknown (exit 0)", async () => {
    const file = real('macos-10.9.2-An-redacted.ask-different-131917.txt');
    const text = await analyze([file]);
    expect({ code: text.code, err: text.err }).toEqual({ code: 0, err: '' });
    const line =
      '3 rows, addresses redacted: 1 ESTABLISHED, 2 FIN_WAIT_1 holding 249 bytes; which process owns them is unknown';
    expect(text.out.split('\n')[0]).toBe(`WATCH  ${line}`);
    expect(text.out).not.toMatch(/No ESTABLISHED connection|No connection in FIN_WAIT_1/);
    const { snapshot } = await analyze([file, '--json']);
    expect(snapshot!.source.sockets).toMatchObject({
      rowsRead: 3,
      rowsAttributed: 0,
      linesNotRead: 0,
    });
    expect(snapshot!.source.sockets.notAttributed!.peerUnknown).toMatchObject({
      count: 3,
      byState: { ESTABLISHED: 1, FIN_WAIT_1: 2 },
      sendQueueBytes: 249,
      why: { redacted: 3 },
    });
    expect(snapshot!.verdict.level).toBe('watch');
  });

  it('accounts for every TCP row of a real -An capture: 1 attributed, 48 not, each with a reason', async () => {
    const { code, snapshot, err } = await analyze([real('macos-10.14.6-An.jc.txt'), '--json']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const sockets = snapshot!.source.sockets;
    expect(sockets).toMatchObject({ rowsRead: 49, rowsAttributed: 1, linesNotRead: 0 });
    expect(sockets.notAttributed!.byReason).toEqual({
      'peer port not watched': 46,
      'peer outside the watched ranges': 2,
    });
    expect(snapshot!.connections.items.map((i) => i.peer)).toEqual(['17.57.144.20:5223']);
    expect(snapshot!.warnings).toEqual([
      "netstat: 32 peer addresses or ports were cut to fit netstat's columns and are matched as prefixes; netstat -anvl prints them whole",
    ]);
  });

  it('reads one pasted row without its header, and a header with no rows', async () => {
    const row = await analyze([real('macos-14.2.1-an-grep-row.node-netstat-43.txt'), '--json']);
    expect(row.code).toBe(0);
    expect(row.snapshot!.source.sockets).toMatchObject({ rowsRead: 1, rowsAttributed: 0 });
    expect(row.snapshot!.warnings).toEqual([
      'netstat: rows without their header: owners (pid) are not read',
    ]);
    const header = await analyze([real('macos-15-sequoia-anv-header.pid-port-12.txt'), '--json']);
    expect(header.code).toBe(0);
    expect(header.snapshot!.source.sockets.rowsRead).toBe(0);
  });
});

describe('apsd-watch analyze-netstat', () => {
  it("counts apsd's connections in a macOS 26 capture, by process and by Apple peer", async () => {
    const { code, err, snapshot } = await analyze([fixture('macos-26-anv-p-tcp.txt'), '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const c = snapshot!.connections;
    expect(c.byState.FIN_WAIT_1).toBe(8);
    expect(c.finWait1.sendQueueBytes).toBe(517 + 517 + 85 + 85 + 1448 + 31 + 2896 + 106);
    expect(c.byState.ESTABLISHED).toBe(2);
    // The exited process (":388") is still apsd's by its peer: port 5223 in Apple's range.
    const orphan = c.items.find((i) => i.sendQueue === 2896)!;
    expect(orphan.process).toBeNull();
    expect(orphan.pid).toBe(388);
    expect(orphan.attributedBy).toMatch(/peer port 5223 in 17\.0\.0\.0\/8/);
    // Autodesk Fusion's sockets are read but not counted as apsd's.
    expect(c.items.some((i) => i.process === 'Autodesk Fusion')).toBe(false);
    expect(snapshot!.source.sockets.rowsRead).toBeGreaterThan(
      snapshot!.source.sockets.rowsAttributed,
    );
    expect(snapshot!.source.sockets.from).toContain('netstat');
    expect(snapshot!.source.daemon.status).toBe('skipped');
  });

  it('reads every macOS era the same way', async () => {
    for (const name of [
      'macos-10.9-An.txt',
      'macos-10.9-an.txt',
      'macos-10.12-anv-p-tcp.txt',
      'macos-10.15-anv.txt',
      'macos-13-anv-p-tcp.txt',
      'macos-15-anv-p-tcp.txt',
      'macos-26-anvl-p-tcp.txt',
    ]) {
      const { code, err, snapshot } = await analyze([fixture(name), '--json']);
      expect({ name, code, err }).toEqual({ name, code: 0, err: '' });
      expect(snapshot!.connections.total, name).toBeGreaterThan(0);
      expect(
        snapshot!.connections.items.every((i) => i.attributedBy.length > 0),
        name,
      ).toBe(true);
    }
  });

  it('reads standard input with -', async () => {
    const text = readFileSync(fixture('macos-10.9-An.txt'), 'utf8');
    const fromFile = await analyze([fixture('macos-10.9-An.txt'), '--json']);
    const fromStdin = await analyze(['-', '--json'], text);
    expect(fromStdin.snapshot!.connections.byState).toEqual(fromFile.snapshot!.connections.byState);
  });

  it('watches another daemon with --port and --peer, on an ss capture', async () => {
    const { snapshot } = await analyze([
      'test/fixtures/ss/ss-tan.txt',
      '--json',
      '--port',
      '40123',
      '--peer',
      '127.0.0.0/8',
    ]);
    expect(snapshot!.connections.finWait1.count).toBeGreaterThan(0);
    expect(snapshot!.connections.items.every((i) => i.peer.endsWith(':40123'))).toBe(true);
  });

  it('prints a readable summary without --json', async () => {
    const { code, out } = await analyze([fixture('macos-26-anv-p-tcp.txt')]);
    expect(code).toBe(0);
    expect(out).toContain('8 connections lingering in FIN_WAIT_1 (5.7 KB unsent)');
    expect(out).toContain('17.57.146.27:5223');
    // A capture may come from another Mac: nothing is claimed about this machine's apsd or ages.
    expect(out).toContain('Daemon: not checked');
    expect(out).not.toMatch(/not running|seen for 0 s|oldest 0 s/);
  });

  it('--fail-on sets the exit code from the verdict', async () => {
    const calm = await analyze([fixture('macos-26-anv-p-tcp.txt'), '--fail-on', 'alert']);
    expect(calm.code).toBe(0);
    const strict = await analyze([
      fixture('macos-26-anv-p-tcp.txt'),
      '--fail-on',
      'watch',
      '--process',
      'no-such-daemon',
      '--port',
      '1',
    ]);
    // Watching a daemon with no connection at all is a 'watch' verdict.
    expect(strict.code).toBe(1);
  });

  it('rejects bad input and usage in one line, exit 2, no stack trace', async () => {
    const cases: [string[], string | undefined, RegExp][] = [
      [['/nonexistent/capture.txt'], undefined, /no such file/],
      [['-'], '\u0000\u0001\u0002binary junk\u0000', /binary/],
      [['-'], 'hello\nworld\n', /no socket table/],
      [['-'], '', /empty/],
      [
        [fixture('macos-26-anv-p-tcp.txt'), '--peer', 'nonsense'],
        undefined,
        /--peer: “nonsense” is not an address range/,
      ],
      [
        [fixture('macos-26-anv-p-tcp.txt'), '--port', '70000'],
        undefined,
        /--port: “70000” is not a port/,
      ],
      [
        [fixture('macos-26-anv-p-tcp.txt'), '--fail-on', 'never'],
        undefined,
        /--fail-on: expected watch or alert, got 'never'/,
      ],
      [[], undefined, /expected one file/],
      [['--bogus'], undefined, /bogus/],
    ];
    for (const [args, stdin, message] of cases) {
      const { code, err, out } = await analyze(args, stdin);
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(out).toBe('');
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(message);
      expect(err).not.toMatch(/\n\s+at /);
    }
  });
});
