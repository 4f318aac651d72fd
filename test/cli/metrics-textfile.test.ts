/**
 * `apsd-watch metrics --textfile` as node_exporter's textfile collector meets it: the real CLI,
 * real loopback sockets, promtool's check, and readers in another process that hammer the file
 * while it is rewritten and must never see half of it.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/cli-harness';
import {
  closeAll,
  createEstablished,
  createFinWait1,
  openLoopbackServer,
  type LoopbackServer,
} from '../support/loopback-sockets';
import { promtool } from '../support/prometheus';

const onLinux = process.platform === 'linux';
if (!onLinux) console.info('skipped: the textfile test samples Linux loopback sockets with ss');

/** The last line every complete file ends with (the registry writes it last). */
const LAST_LINE = /apsd_watch_build_info\{version="[^"]+"\} 1\n$/;

/**
 * A reader in its own process, reading the file as fast as it can for `ms`; it reports how many
 * reads were complete, how many were not, and how many different contents it saw.
 */
function readerProcess(path: string, ms: number) {
  const script = `
    const { readFileSync } = require('node:fs');
    const last = ${LAST_LINE.toString()};
    const end = Date.now() + ${ms};
    let reads = 0, complete = 0, partial = 0, missing = 0;
    const versions = new Set();
    while (Date.now() < end) {
      let text;
      try { text = readFileSync(${JSON.stringify(path)}, 'utf8'); } catch { missing++; continue; }
      reads++;
      if (last.test(text) && text.startsWith('# HELP ')) complete++; else partial++;
      versions.add(/^apsd_watch_last_sample_timestamp_seconds (\\S+)$/m.exec(text)?.[1]);
    }
    process.stdout.write(JSON.stringify({ reads, complete, partial, missing, versions: versions.size }));
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  return new Promise<{
    reads: number;
    complete: number;
    partial: number;
    missing: number;
    versions: number;
  }>((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`reader exited ${code}`)),
    ),
  );
}

describe.runIf(onLinux)('apsd-watch metrics --textfile', () => {
  let base: string;
  let server: LoopbackServer;
  const flags = () => [
    '--port',
    String(server.port),
    '--peer',
    '127.0.0.0/8',
    '--data-dir',
    join(base, 'data'),
  ];

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'apsd-watch-textfile-'));
    server = await openLoopbackServer();
    await createFinWait1(server, 5);
    await createEstablished(server, 2);
  });

  afterAll(async () => {
    await closeAll();
    await rm(base, { recursive: true, force: true });
  });

  it('writes the socket counts once, readable by node_exporter, and promtool accepts it', async () => {
    const file = join(base, 'apsd-watch.prom');
    const run = await runCliCaptured(['metrics', '--textfile', file, ...flags()]);
    expect(run.err).toBe('');
    expect(run.out).toBe('');
    expect(run.code).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^apsd_connections\{state="FIN_WAIT_1"\} 5$/m);
    expect(text).toMatch(/^apsd_connections\{state="ESTABLISHED"\} 2$/m);
    expect(text).toMatch(/^apsd_watch_samples_total 1$/m);
    // No process_* of a process that has exited, and nothing to collide with node_exporter's own.
    expect(text).not.toMatch(/^(process|nodejs)_/m);
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    const checked = await promtool(['check', 'metrics'], { stdin: text });
    expect(checked.out).toBe('');
    expect(checked.code).toBe(0);
  });

  it('prints the same metrics to stdout without --textfile', async () => {
    const run = await runCliCaptured(['metrics', ...flags()]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^apsd_connections\{state="FIN_WAIT_1"\} 5$/m);
    expect(run.out).toMatch(LAST_LINE);
  });

  it('is never seen half-written by concurrent readers while it is rewritten', async () => {
    const file = join(base, 'hammered.prom');
    expect((await runCliCaptured(['metrics', '--textfile', file, ...flags()])).code).toBe(0);
    const readers = [readerProcess(file, 4000), readerProcess(file, 4000)];
    let writes = 0;
    const until = Date.now() + 3500;
    while (Date.now() < until) {
      const run = await runCliCaptured(['metrics', '--textfile', file, ...flags()]);
      expect(run.code).toBe(0);
      writes++;
    }
    const results = await Promise.all(readers);
    expect(writes).toBeGreaterThanOrEqual(3);
    for (const result of results) {
      expect(result.partial).toBe(0);
      expect(result.missing).toBe(0);
      expect(result.complete).toBeGreaterThan(100);
      // The readers really overlapped the rewrites: they saw more than one version of the file.
      expect(result.versions).toBeGreaterThanOrEqual(2);
    }
  }, 30_000);

  it('warns when the file is not a *.prom that node_exporter would read', async () => {
    const run = await runCliCaptured(['metrics', '--textfile', join(base, 'apsd.txt'), ...flags()]);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(
      /^apsd-watch metrics: warning: node_exporter's textfile collector reads only \*\.prom files;/,
    );
  });

  it('says in one line when the file cannot be written', async () => {
    const run = await runCliCaptured([
      'metrics',
      '--textfile',
      join(base, 'no-such-dir', 'a.prom'),
      ...flags(),
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^apsd-watch metrics: could not write a\.prom: ENOENT/);
    expect(run.err.trim().split('\n')).toHaveLength(1);
  });
});
