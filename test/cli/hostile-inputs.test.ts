/**
 * Hostile inputs to the built CLI in real child processes: FIFOs nobody writes to (ended by
 * SIGINT and SIGTERM), process-substitution pipes, standard input, directories, devices, a 2 GB
 * sparse file, 10 million lines and a gzip bomb. Each ends with a result or a one-line refusal;
 * the peak RSS and wall time of each are printed (the kernel's figures, via wait4).
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
  ftruncateSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/core/exec/run-command';
import { builtCli } from '../support/built-cli';
import { INPUT_LIMITS } from '../../src/core/input/input-limits';

const onLinux = process.platform === 'linux';
if (!onLinux) console.info('skipped: the hostile-input tests use Linux FIFOs, /dev/fd and /proc');

const CLI = 'bin/apsd-watch.mjs';
// The multi-gigabyte inputs take about 30 s on a loaded 2-core machine: their tests wait as long
// as the child may run, not the suite's 30 s default.
const CHILD_TIMEOUT_MS = 120_000;
const SYSLOG = 'test/fixtures/logs/system-log.txt';
const NETSTAT = 'test/fixtures/netstat/macos-15-anv-p-tcp.txt';

interface Measured {
  exitCode: number;
  stdout: string;
  stderr: string;
  wallMs: number;
  maxRssKb: number;
}

/** Runs `apsd-watch ...` (through bash when `shell` is set, for `<(...)`), measured by wait4. */
async function measured(args: string[], shell?: string): Promise<Measured> {
  const command = shell ?? `exec node ${CLI} ${args.map((a) => `'${a}'`).join(' ')}`;
  const stderrFile = join(dir, `stderr-${Date.now()}-${Math.random()}`);
  const result = await runCommand(
    'python3',
    [
      'bench/lib/rusage-run.py',
      '--keep-stdout',
      '--',
      'bash',
      '-c',
      `${command} 2>'${stderrFile}'`,
    ],
    { timeoutMs: CHILD_TIMEOUT_MS, maxBufferBytes: 64 * 1024 * 1024 },
  );
  const line = JSON.parse(result.stdout.trim().split('\n').pop()!) as Measured;
  line.stderr = execFileSync('cat', [stderrFile]).toString();
  return line;
}

function report(name: string, run: Measured): void {
  console.info(
    `${name}: exit ${run.exitCode}, ${Math.round(run.wallMs)} ms, peak RSS ${Math.round(run.maxRssKb / 1024)} MiB; ${run.stderr.trim() || 'no stderr'}`,
  );
}

/** Starts the CLI on `path`, sends `signal` after 2 s, and resolves with code and stderr. */
function interrupted(command: string, path: string, signal: NodeJS.Signals) {
  const child = spawn(process.execPath, [CLI, command, path], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (chunk) => (err += chunk));
  const started = Date.now();
  // Long enough for node to load the bundle and install its handlers on a busy machine.
  setTimeout(() => child.kill(signal), 2000);
  return new Promise<{ code: number | null; err: string; ms: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${path} did not end after ${signal}`));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, err, ms: Date.now() - started });
    });
  });
}

let dir: string;

describe.runIf(onLinux)('hostile inputs to the CLI', () => {
  beforeAll(async () => {
    await builtCli();
    dir = mkdtempSync(join(tmpdir(), 'apsd-watch-hostile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const command of ['scan-logs', 'analyze-netstat'])
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      it(`${command} on a FIFO nobody writes to ends on ${signal}, with one line`, async () => {
        const fifo = join(dir, `${command}-${signal}.fifo`);
        execFileSync('mkfifo', [fifo]);
        const run = await interrupted(command, fifo, signal);
        console.info(
          `${command} FIFO + ${signal}: exit ${run.code} after ${run.ms} ms: ${run.err.trim()}`,
        );
        expect(run.code).toBe(130);
        expect(run.err).toBe(`apsd-watch ${command}: ${fifo}: interrupted\n`);
      });

  it('scan-logs reads a process-substitution pipe, <(cat f), as it reads the file', async () => {
    const direct = await measured(['scan-logs', SYSLOG, '--json']);
    const piped = await measured([], `exec node ${CLI} scan-logs <(cat ${SYSLOG}) --json`);
    report('scan-logs <(cat f)', piped);
    expect([piped.exitCode, piped.stderr]).toEqual([0, '']);
    const counts = (run: Measured) =>
      (JSON.parse(run.stdout) as { logs: { byKind: unknown } }).logs.byKind;
    expect(counts(piped)).toEqual(counts(direct));
  });

  it('analyze-netstat reads <(cat f) and standard input as it reads the file', async () => {
    const rows = (run: Measured) =>
      (JSON.parse(run.stdout) as { source: { sockets: { rowsRead: number } } }).source.sockets
        .rowsRead;
    const direct = await measured(['analyze-netstat', NETSTAT, '--json']);
    const piped = await measured([], `exec node ${CLI} analyze-netstat <(cat ${NETSTAT}) --json`);
    const stdin = await measured([], `exec node ${CLI} analyze-netstat - --json < ${NETSTAT}`);
    expect([piped.exitCode, stdin.exitCode, piped.stderr, stdin.stderr]).toEqual([0, 0, '', '']);
    expect(rows(piped)).toBe(rows(direct));
    expect(rows(stdin)).toBe(rows(direct));
    expect(rows(direct)).toBeGreaterThan(0);
  });

  it('names a directory a directory, and nothing else one', async () => {
    const directory = await measured(['scan-logs', dir]);
    expect(directory.exitCode).toBe(2);
    expect(directory.stderr).toBe(`apsd-watch scan-logs: ${dir}: cannot read: is a directory\n`);
    const device = await measured(['analyze-netstat', '/dev/null']);
    expect(device.stderr).not.toMatch(/directory/);
    expect(device.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses /dev/zero with one line, from its first chunk', async () => {
    const netstat = await measured(['analyze-netstat', '/dev/zero']);
    report('analyze-netstat /dev/zero', netstat);
    expect(netstat.exitCode).toBe(2);
    expect(netstat.stderr).toBe(
      'apsd-watch analyze-netstat: /dev/zero: the capture is binary data, not text; expected the output of netstat -an/-anv (macOS), lsof -i, ss -tan, /proc/net/tcp or nettop\n',
    );
    const logs = await measured(['scan-logs', '/dev/zero']);
    report('scan-logs /dev/zero', logs);
    // No record of any format: not read, so not OK (issue 8), in one line.
    expect(logs.exitCode).toBe(2);
    expect(logs.stdout).toBe('');
    expect(logs.stderr).toMatch(
      /^apsd-watch scan-logs: \/dev\/zero: binary data, not a log file: no record in .*\(the cap per file\)\n$/,
    );
  });

  it(
    'refuses a 2 GB sparse file up front, and refuses to scan it: no log record in it',
    async () => {
      const sparse = join(dir, 'sparse.log');
      const fd = openSync(sparse, 'w');
      ftruncateSync(fd, 2 * 1024 * 1024 * 1024);
      closeSync(fd);
      const netstat = await measured(['analyze-netstat', sparse]);
      report('analyze-netstat 2 GB sparse', netstat);
      expect(netstat.stderr).toBe(
        `apsd-watch analyze-netstat: ${sparse}: larger than 256 MiB; not a socket table\n`,
      );
      const logs = await measured(['scan-logs', sparse, '--json']);
      report('scan-logs 2 GB sparse', logs);
      expect(logs.exitCode).toBe(2);
      expect(logs.stderr).toMatch(
        /^apsd-watch scan-logs: .*sparse\.log: binary data, not a log file: no record in [^\n]*\n$/,
      );
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'reads 10 million lines within the line cap, counting every one',
    async () => {
      const big = join(dir, 'ten-million.log');
      const line = 'Jan  1 00:00:01 mac.local kernel[0]: unrelated line\n';
      const fd = openSync(big, 'w');
      const block = Buffer.from(line.repeat(100_000));
      for (let i = 0; i < 100; i++) writeSync(fd, block);
      closeSync(fd);
      const logs = await measured(['scan-logs', big, '--json']);
      report('scan-logs 10M lines', logs);
      expect(logs.exitCode).toBe(0);
      const snapshot = JSON.parse(logs.stdout) as { source: { logs: { linesRead: number } } };
      expect(snapshot.source.logs.linesRead).toBe(10_000_000);
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'stops a gzip bomb at the decoded-bytes cap with a warning',
    async () => {
      const bomb = join(dir, 'bomb.log.gz');
      // One 16 MiB member of long lines, repeated: gunzip reads every member of a multi-member file.
      const line = `Jan  1 00:00:01 mac.local kernel[0]: ${'x'.repeat(960)}\n`;
      const member = gzipSync(Buffer.from(line.repeat(16 * 1024)), { level: 9 });
      const members = Math.ceil(INPUT_LIMITS.decodedBytesPerFile / (line.length * 16 * 1024)) + 2;
      writeFileSync(bomb, Buffer.concat(Array.from({ length: members }, () => member)));
      const logs = await measured(['scan-logs', bomb, '--json']);
      report('scan-logs gzip bomb', logs);
      expect(logs.exitCode).toBe(0);
      expect(logs.stdout).toContain('stopped after 2048 MiB decoded (the cap per file)');
    },
    CHILD_TIMEOUT_MS,
  );
});
