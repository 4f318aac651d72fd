import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSocketSampler } from './socket-sampler';
import { fixturePath } from '../../../test/support/fixtures';

const fixture = fixturePath;

const work = mkdtempSync(join(tmpdir(), 'apsd-watch-sampler-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let scripts = 0;

/**
 * A STAND-IN for macOS's netstat or nettop, which cannot run on this Linux machine: a shell
 * script that records its arguments and then runs `body` (print a fixture written from the
 * documented formats, sleep forever, print junk).
 */
function standIn(body: string): { path: string; calls: () => string[] } {
  const path = join(work, `stand-in-${++scripts}`);
  const log = `${path}.args`;
  writeFileSync(log, '');
  writeFileSync(path, `#!/bin/sh\necho "$*" >> '${log}'\n${body}\n`);
  chmodSync(path, 0o755);
  return { path, calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

const printing = (path: string) => standIn(`exec cat '${fixture(path)}'`);
const LISTEN_ONLY = [
  'Active Internet connections (including servers)',
  'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)          rxbytes      txbytes  rhiwat  shiwat          process:pid    state  options           gencnt    flags   flags1 usecnt rtncnt fltrs',
  'tcp46      0      0  *.7000                 *.*                    LISTEN                 0            0  131072  131768    ControlCenter:521    00102 00000000 0000000000001f00 00000080 04000900      1      0 000001',
].join('\n');
const posix = process.platform !== 'win32';
if (!posix) console.info('skipped: stand-in commands need a POSIX shell');

describe.runIf(posix)('socket sampler on macOS, with stand-ins for netstat and nettop', () => {
  it('runs one `netstat -anvl -p tcp` per sample and parses it', async () => {
    const netstat = printing('netstat/macos-26-anv-p-tcp.txt');
    const sampler = createSocketSampler({
      platform: 'darwin',
      commands: { netstat: netstat.path },
    });
    const sample = await sampler.sample();
    expect(sample).toMatchObject({ status: 'ok', from: 'netstat -anvl -p tcp', detail: null });
    expect(sample.rows).toHaveLength(15);
    expect(sample.rows.filter((r) => r.state === 'FIN_WAIT_1')).toHaveLength(8);
    expect(netstat.calls()).toEqual(['-anvl -p tcp']);
    expect(sample.at).toBeInstanceOf(Date);
    expect(sample.durationMs).toBeGreaterThan(0);
  });

  it('falls back to nettop when netstat shows no connected socket, and says Send-Q is missing', async () => {
    const netstat = standIn(`cat <<'EOF'\n${LISTEN_ONLY}\nEOF`);
    const nettop = printing('netstat/nettop-tcp.csv');
    const sampler = createSocketSampler({
      platform: 'darwin',
      commands: { netstat: netstat.path, nettop: nettop.path },
    });
    const sample = await sampler.sample();
    expect(sample.status).toBe('fallback');
    expect(sample.from).toBe('nettop -m tcp -L 1 -n -J state,bytes_in,bytes_out');
    expect(sample.detail).toMatch(/^netstat listed no connected sockets .*nettop has no Send-Q/);
    expect(sample.detail).not.toContain('\n');
    expect(sample.rows).toHaveLength(9);
    expect(nettop.calls()).toEqual(['-m tcp -L 1 -n -J state,bytes_in,bytes_out']);
  });

  it('keeps the netstat table when nettop agrees there is no connection, then rests nettop', async () => {
    const netstat = standIn(`cat <<'EOF'\n${LISTEN_ONLY}\nEOF`);
    const emptyNettop = standIn(`echo 'time,,interface,state,bytes_in,bytes_out,'`);
    const sampler = createSocketSampler({
      platform: 'darwin',
      commands: { netstat: netstat.path, nettop: emptyNettop.path },
    });
    const agreed = await sampler.sample();
    expect(agreed).toMatchObject({ status: 'ok', from: 'netstat -anvl -p tcp', detail: null });
    expect(agreed.rows).toHaveLength(1);
    await sampler.sample(); // an offline Mac: nettop is not asked again at once
    expect(netstat.calls()).toHaveLength(2);
    expect(emptyNettop.calls()).toHaveLength(1);
  });

  it('keeps the netstat table and says why when nettop cannot run', async () => {
    const netstat = standIn(`cat <<'EOF'\n${LISTEN_ONLY}\nEOF`);
    const sampler = createSocketSampler({
      platform: 'darwin',
      commands: { netstat: netstat.path, nettop: join(work, 'no-such-nettop') },
    });
    const detail = `netstat listed no connected sockets and nettop failed: ${join(work, 'no-such-nettop')}: command not found`;
    expect(await sampler.sample()).toMatchObject({ status: 'ok', detail });
    expect(await sampler.sample()).toMatchObject({ status: 'ok', detail }); // while it rests
  });

  it('kills a netstat that hangs and reports the timeout in one line, without throwing', async () => {
    const hanging = standIn('exec sleep 30');
    const sampler = createSocketSampler({
      platform: 'darwin',
      timeoutMs: 300,
      commands: { netstat: hanging.path },
    });
    const sample = await sampler.sample();
    expect(sample.status).toBe('failed');
    expect(sample.rows).toEqual([]);
    expect(sample.detail).toBe(`${hanging.path} -anvl -p tcp: no answer within 0.3 s, killed`);
  });

  it('reports a missing netstat binary in one line', async () => {
    const sample = await createSocketSampler({
      platform: 'darwin',
      commands: { netstat: join(work, 'no-such-netstat') },
    }).sample();
    expect(sample).toMatchObject({
      status: 'failed',
      detail: `${join(work, 'no-such-netstat')}: command not found`,
    });
  });

  it("fails with the parser's reason on garbled output", async () => {
    const junk = standIn("printf 'Segmentation fault\\n\\001\\002\\003\\n'");
    const notATable = await createSocketSampler({
      platform: 'darwin',
      commands: { netstat: junk.path },
    }).sample();
    expect(notATable).toMatchObject({
      status: 'failed',
      detail: `${junk.path} -anvl -p tcp: no socket table found`,
    });
    const garbledRows = standIn(
      "printf 'Proto Recv-Q Send-Q  Local Address Foreign Address (state)\\ntcp4 ?? ?? x y FIN_WAIT_1\\n'",
    );
    const unreadable = await createSocketSampler({
      platform: 'darwin',
      commands: { netstat: garbledRows.path },
    }).sample();
    expect(unreadable.status).toBe('failed');
    expect(unreadable.detail).toBe(
      `${garbledRows.path} -anvl -p tcp: none of 1 rows could be read (line 2: Recv-Q or Send-Q is not a number)`,
    );
  });

  it('never overlaps samples: a call while one runs joins it', async () => {
    const slow = standIn(`sleep 0.3\nexec cat '${fixture('netstat/macos-15-anv-p-tcp.txt')}'`);
    const sampler = createSocketSampler({ platform: 'darwin', commands: { netstat: slow.path } });
    const first = sampler.sample();
    const second = sampler.sample();
    expect(second).toBe(first);
    const [a, b] = await Promise.all([first, second]);
    expect(a).toBe(b);
    expect(slow.calls()).toHaveLength(1);
    await sampler.sample(); // after it settled, the next call is a new sample
    expect(slow.calls()).toHaveLength(2);
  });
});

describe.runIf(posix)('socket sampler on Linux', () => {
  it('runs `ss -tan`, or `ss -tanp` when the rules name processes', async () => {
    const plain = printing('ss/ss-tan.txt');
    const sample = await createSocketSampler({
      platform: 'linux',
      commands: { ss: plain.path },
    }).sample();
    expect(sample).toMatchObject({ status: 'ok', from: 'ss -tan', detail: null });
    expect(sample.rows).toHaveLength(24);
    expect(plain.calls()).toEqual(['-tan']);

    const owners = printing('ss/ss-tanp.txt');
    const named = await createSocketSampler({
      platform: 'linux',
      needProcessNames: true,
      commands: { ss: owners.path },
    }).sample();
    expect(named).toMatchObject({ status: 'ok', from: 'ss -tanp' });
    expect(named.rows.filter((r) => r.process === 'node')).toHaveLength(3);
    expect(owners.calls()).toEqual(['-tanp']);
  });

  it('falls back to /proc when ss is missing, hangs or prints junk, and says why', async () => {
    const root = join(work, 'proc');
    mkdirSync(join(root, 'net'), { recursive: true });
    writeFileSync(join(root, 'net/tcp'), readFileSync(fixture('ss/proc-net-tcp.txt')));
    writeFileSync(join(root, 'net/tcp6'), readFileSync(fixture('ss/proc-net-tcp6.txt')));
    const from = `${root}/net/tcp + ${root}/net/tcp6`;
    const withSs = (ss: string, timeoutMs = 5000) =>
      createSocketSampler({ platform: 'linux', procRoot: root, timeoutMs, commands: { ss } });

    const missing = await withSs(join(work, 'no-such-ss')).sample();
    expect(missing).toMatchObject({
      status: 'fallback',
      from,
      detail: `${join(work, 'no-such-ss')}: command not found; read ${from} instead`,
    });
    expect(missing.rows).toHaveLength(20);

    const hanging = standIn('exec sleep 30');
    const slow = await withSs(hanging.path, 300).sample();
    expect(slow.status).toBe('fallback');
    expect(slow.detail).toBe(
      `${hanging.path} -tan: no answer within 0.3 s, killed; read ${from} instead`,
    );

    const junk = standIn("echo 'Cannot open netlink socket: Protocol not supported'");
    const garbled = await withSs(junk.path).sample();
    expect(garbled.detail).toBe(`${junk.path} -tan: no socket table found; read ${from} instead`);
    expect(garbled.rows).toHaveLength(20);

    rmSync(join(root, 'net/tcp6'));
    expect((await withSs(junk.path).sample()).rows).toHaveLength(15); // IPv6 off: no tcp6 file
  });

  it('fails with both reasons when ss and /proc both fail, without throwing', async () => {
    const root = join(work, 'garbled-proc');
    mkdirSync(join(root, 'net'), { recursive: true });
    writeFileSync(join(root, 'net/tcp'), Buffer.from([0, 1, 2, 3, 255, 254]));
    const noSs = join(work, 'no-such-ss');
    const garbled = await createSocketSampler({
      platform: 'linux',
      procRoot: root,
      commands: { ss: noSs },
    }).sample();
    expect(garbled).toMatchObject({
      status: 'failed',
      rows: [],
      detail: `${noSs}: command not found; ${root}/net/tcp: no socket table found`,
    });

    const nowhere = join(work, 'nowhere');
    const missing = await createSocketSampler({
      platform: 'linux',
      procRoot: nowhere,
      commands: { ss: noSs },
    }).sample();
    expect(missing.status).toBe('failed');
    expect(missing.detail).toMatch(
      new RegExp(
        `^${noSs}: command not found; cannot read ${nowhere}/net/tcp \\+ ${nowhere}/net/tcp6: ENOENT`,
      ),
    );
    expect(missing.detail).not.toContain('\n');
  });
});

describe('socket sampler elsewhere', () => {
  it('fails, not throws, on a platform it cannot sample', async () => {
    const sample = await createSocketSampler({ platform: 'win32' }).sample();
    expect(sample).toMatchObject({
      status: 'failed',
      rows: [],
      detail: 'socket sampling is not supported on win32',
    });
  });
});

/** Running, not a zombie (an orphan that a container's init has not reaped yet is gone). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): kill(0) is the answer
  }
}

describe.runIf(posix)('socket sampler through every fault of its command', () => {
  it('marks each faulty sample failed in one line, leaves no process behind, and recovers', async () => {
    const mode = join(work, 'fault-mode');
    const pids = join(work, 'fault-pids');
    const table = fixture('netstat/macos-15-anv-p-tcp.txt');
    // A STAND-IN for netstat whose behaviour the test switches between samples.
    const netstat = standIn(
      [
        `echo $$ >> '${pids}'`,
        `case "$(cat '${mode}')" in`,
        // A wrapper that hangs in a child of its own: the child must die with it.
        `  hang) sleep 30 & echo $! >> '${pids}'; wait ;;`,
        `  die) kill -SEGV $$ ;;`,
        `  exit1) echo 'netstat: sysctl: Operation not permitted' >&2; exit 1 ;;`,
        `  garbage) head -c 4096 /dev/urandom ;;`,
        `  flood) head -c 52428800 /dev/zero | tr '\\0' 'x' ;;`,
        `  *) exec cat '${table}' ;;`,
        'esac',
      ].join('\n'),
    );
    const sampler = createSocketSampler({
      platform: 'darwin',
      timeoutMs: 1500,
      commands: { netstat: netstat.path, nettop: join(work, 'no-such-nettop') },
    });
    const faults = ['hang', 'die', 'exit1', 'garbage', 'flood', 'hang'];
    const seen: string[] = [];
    for (const fault of faults) {
      writeFileSync(mode, fault);
      writeFileSync(pids, '');
      const bad = await sampler.sample();
      expect(bad.status).toBe('failed');
      expect(bad.rows).toEqual([]);
      expect(bad.detail).not.toContain('\n');
      seen.push(`${fault}: ${bad.detail}`);
      // Nothing the command started is still running once the sample is in.
      const started = readFileSync(pids, 'utf8').split('\n').filter(Boolean).map(Number);
      expect(started.length).toBeGreaterThan(0);
      expect(started.filter(running)).toEqual([]);
      // The next sample starts at once and reads the table again.
      writeFileSync(mode, 'ok');
      const good = await sampler.sample();
      expect(good.status).toBe('ok');
      expect(good.rows.length).toBeGreaterThan(0);
    }
    console.info(
      `${faults.length} faults injected, each failed in one line and recovered:\n${seen.join('\n')}`,
    );
    expect(seen[0]).toMatch(/no answer within 1\.5 s, killed$/);
    expect(seen[1]).toMatch(/killed by SIGSEGV$/);
    expect(seen[2]).toMatch(/exited with 1: netstat: sysctl: Operation not permitted$/);
  });
});
