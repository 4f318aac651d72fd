import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_KINDS, type Snapshot } from '../../src/shared/snapshot';
import { builtCli } from '../../test/support/built-cli';
import { writeArchive } from './syslog-archive';
import type { Tally } from './syslog-lines';

let dir: string;
let path: string;
let tally: Tally;
const END = Date.UTC(2015, 4, 7, 21, 54, 23);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bench-syslog-'));
  path = join(dir, 'system.log.0.gz');
  // Big enough for every kind of entry, the rare trust-failure burst included.
  tally = await writeArchive({
    path,
    bytes: 12_000_000,
    seed: 7,
    endMs: END,
    spanMs: 86_400_000,
    apsdPid: 106,
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('generated syslog archive', () => {
  it('is a complete gzip file of about the wanted size, dated by its last line', async () => {
    const text = gunzipSync(await readFile(path)).toString('utf8');
    expect(text.length).toBeGreaterThanOrEqual(12_000_000);
    expect(text.length).toBeLessThan(12_000_000 + (2 << 20));
    expect(text.split('\n').length - 1).toBe(tally.lines);
    expect((await stat(path)).mtimeMs).toBeGreaterThanOrEqual(END);
  });

  it('counts exactly the lines grep finds', async () => {
    const lines = gunzipSync(await readFile(path))
      .toString('utf8')
      .split('\n');
    expect(lines.filter((line) => line.includes('apsd')).length).toBe(tally.grepLines);
    // Other processes mention apsd too, so grep finds more lines than apsd wrote.
    const own = lines.filter((line) => / apsd\[106\]: /.test(line)).length;
    expect(tally.grepLines).toBeGreaterThan(own);
  });

  it('holds every kind of apsd event, and scan-logs finds exactly the events it counted', async () => {
    for (const kind of LOG_KINDS) expect(tally.events[kind]).toBeGreaterThan(0);
    const cli = await builtCli();
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [cli, 'scan-logs', '--json', path], (error, out) =>
        error ? reject(error) : resolve(out),
      ),
    );
    const snapshot = JSON.parse(stdout) as Snapshot;
    expect(snapshot.logs.byKind).toEqual(tally.events);
    expect(snapshot.source.logs.linesRead).toBe(tally.lines);
  });

  it('is the same file for the same seed', async () => {
    const again = join(dir, 'again.gz');
    const second = await writeArchive({
      path: again,
      bytes: 200_000,
      seed: 7,
      endMs: END,
      spanMs: 86_400_000,
      apsdPid: 106,
    });
    const first = await writeArchive({
      path: join(dir, 'first.gz'),
      bytes: 200_000,
      seed: 7,
      endMs: END,
      spanMs: 86_400_000,
      apsdPid: 106,
    });
    expect(second).toEqual(first);
    expect(gunzipSync(await readFile(again))).toEqual(
      gunzipSync(await readFile(join(dir, 'first.gz'))),
    );
  });
});
