/**
 * One socket table per sample, from the cheapest source each platform has. A sample never
 * throws and never overlaps the previous one: a hung command is killed after the timeout and
 * garbled output fails with the parser's reason, both as one line in `detail`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SocketRow } from '../../shared/snapshot';
import { runCommand } from '../exec/run-command';
import { parseNetstat } from './netstat-parse';
import { parseNettop } from './nettop-parse';
import { parseProcNetTcp, type ProcSocketRow } from './proc-net-tcp-parse';
import { readSocketOwners, type SocketOwner } from './proc-socket-owners';
import { unusableReason, type SocketParseResult } from './socket-parse-result';

export interface SocketSample {
  rows: SocketRow[];
  /** What was read, for `source.sockets.from`: a command line or /proc paths. */
  from: string;
  status: 'ok' | 'fallback' | 'failed';
  /** One line: why the sample failed or fell back; null when all went well. */
  detail: string | null;
  durationMs: number;
  at: Date;
  /** Visible warnings from the parser (skipped rows, possibly cut addresses). */
  warnings: string[];
}

export interface SocketSampler {
  /** Takes a sample, or joins the one already running. Never rejects. */
  sample(): Promise<SocketSample>;
}

export interface SocketSamplerOptions {
  platform?: NodeJS.Platform;
  /** Per command; a command still running after this is killed (default 5000). */
  timeoutMs?: number;
  /** Linux: resolve socket owners via /proc/<pid>/fd (costly; only when rules name processes). */
  needProcessNames?: boolean;
  /** Test seam: programs run instead of macOS's netstat and nettop (stand-ins, missing paths). */
  commands?: { netstat?: string; nettop?: string };
  /** Test seam: where the proc filesystem is mounted (Linux). */
  procRoot?: string;
}

/** `-l` prints IPv6 addresses whole: without it netstat cuts them at 16 characters. */
const NETSTAT_ARGS = ['-anvl', '-p', 'tcp'];
const NETTOP_ARGS = ['-m', 'tcp', '-L', '1', '-n', '-J', 'state,bytes_in,bytes_out'];

type Outcome = Omit<SocketSample, 'durationMs' | 'at'>;

const oneLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';

function failed(from: string, detail: string): Outcome {
  return { rows: [], from, status: 'failed', detail, warnings: [] };
}

/** Runs a command and parses its output; a parse result or a one-line failure. */
async function readTable(
  file: string,
  args: string[],
  timeoutMs: number,
  parse: (text: string) => SocketParseResult,
): Promise<SocketParseResult | string> {
  const shown = [file, ...args].join(' ');
  try {
    const { stdout } = await runCommand(file, args, { timeoutMs });
    const result = parse(stdout);
    return unusableReason(result, shown) ?? result;
  } catch (error) {
    return oneLine(error);
  }
}

/** After nettop found nothing connected either (offline) or failed, it rests this long. */
const NETTOP_REST_MS = 5 * 60_000;

/** Kept between samples, so an offline Mac does not run nettop on every interval. */
interface DarwinMemory {
  nettopRestsUntil: number;
  /** The detail the last nettop attempt left (its failure), repeated while it rests. */
  restingDetail: string | null;
}

/**
 * macOS: `netstat -anvl -p tcp`. When it lists no connected socket at all (macOS 27 betas may
 * show non-root callers only their own sockets, docs/apsd-facts), nettop is asked instead.
 */
async function sampleDarwin(
  options: SocketSamplerOptions,
  timeoutMs: number,
  memory: DarwinMemory,
): Promise<Outcome> {
  const netstat = options.commands?.netstat ?? '/usr/sbin/netstat';
  const from = `netstat ${NETSTAT_ARGS.join(' ')}`;
  const table = await readTable(netstat, NETSTAT_ARGS, timeoutMs, parseNetstat);
  if (typeof table === 'string') return failed(from, table);
  const ok: Outcome = {
    rows: table.rows,
    from,
    status: 'ok',
    detail: null,
    warnings: table.warnings,
  };
  if (table.rows.some((row) => row.peerAddress !== '*')) return ok;
  if (Date.now() < memory.nettopRestsUntil) return { ...ok, detail: memory.restingDetail };

  const nettop = options.commands?.nettop ?? '/usr/bin/nettop';
  const fallback = await readTable(nettop, NETTOP_ARGS, timeoutMs, parseNettop);
  if (typeof fallback === 'string' || !fallback.rows.some((row) => row.peerAddress !== '*')) {
    memory.nettopRestsUntil = Date.now() + NETTOP_REST_MS;
    memory.restingDetail =
      typeof fallback === 'string'
        ? `netstat listed no connected sockets and nettop failed: ${fallback}`
        : null; // nettop agrees: no connection at all (offline)
    return { ...ok, detail: memory.restingDetail };
  }
  return {
    rows: fallback.rows,
    from: `nettop ${NETTOP_ARGS.join(' ')}`,
    status: 'fallback',
    detail:
      "netstat listed no connected sockets (macOS may hide other users' sockets from it), so nettop was read instead; nettop has no Send-Q, shown as 0",
    warnings: fallback.warnings,
  };
}

/*
 * Linux: /proc/net/tcp{,6} read in-process rather than `ss -tan`. Measured here (Node 20.20,
 * kernel 6.18, 2 cores shared with other jobs, so +-15%) with 6,000-8,000 sockets (2,000
 * FIN_WAIT_1 + 1,000 ESTABLISHED pairs from test/support/loopback-sockets.ts, plus others'),
 * total CPU per sample including children, 20-40 samples per figure:
 *   /proc, readFileSync + parse     23-28 ms  (all in-process; ~15 ms of it is the kernel
 *                                              generating the file)
 *   /proc, fs.promises.readFile     27-31 ms  (the thread-pool round trips cost ~20%)
 *   ss -tan child + parse           23-28 ms  (15-19 ms in the child)
 *   /proc + our /proc/<pid>/fd scan   66 ms  (the owner scan adds ~38 ms for ~4,900 fds)
 *   ss -tanp child + parse            83 ms  (70 ms in the child)
 * ss is not cheaper, so /proc it is: no child process and no dependency on iproute2. The reads
 * are synchronous (the cheapest way; /proc is memory, never a disk wait).
 */
function sampleLinux(options: SocketSamplerOptions): Outcome {
  const root = options.procRoot ?? '/proc';
  const from = `${join(root, 'net/tcp')} + ${join(root, 'net/tcp6')}`;
  let v4: string;
  let v6 = '';
  try {
    v4 = readFileSync(join(root, 'net/tcp'), 'utf8');
    if (existsSync(join(root, 'net/tcp6'))) v6 = readFileSync(join(root, 'net/tcp6'), 'utf8');
  } catch (error) {
    return failed(from, `cannot read the socket table: ${oneLine(error)}`);
  }
  const tables = [parseProcNetTcp(v4, 'tcp4'), v6 ? parseProcNetTcp(v6, 'tcp6') : null];
  const rows: ProcSocketRow[] = [];
  const warnings: string[] = [];
  for (const [index, table] of tables.entries()) {
    if (!table) continue;
    const problem = unusableReason(table, join(root, index === 0 ? 'net/tcp' : 'net/tcp6'));
    if (problem) return failed(from, problem);
    for (const row of table.rows) rows.push(row);
    warnings.push(...table.warnings);
  }
  if (options.needProcessNames) {
    const inodes = new Set(rows.map((row) => row.inode).filter((inode) => inode !== 0));
    let owners: Map<number, SocketOwner> | null = null;
    try {
      owners = readSocketOwners(root, inodes);
    } catch {
      // reported below; the rows are still good without names
    }
    if (!owners)
      warnings.push(`could not scan ${root} for socket owners; process rules cannot match`);
    for (const row of rows) {
      const owner = owners?.get(row.inode);
      if (owner) Object.assign(row, owner);
    }
  }
  return { rows, from, status: 'ok', detail: null, warnings };
}

async function sampleOnce(
  options: SocketSamplerOptions,
  memory: DarwinMemory,
): Promise<SocketSample> {
  const at = new Date();
  const started = performance.now();
  const platform = options.platform ?? process.platform;
  let outcome: Outcome;
  try {
    if (platform === 'darwin')
      outcome = await sampleDarwin(options, options.timeoutMs ?? 5000, memory);
    else if (platform === 'linux') outcome = sampleLinux(options);
    else outcome = failed('none', `socket sampling is not supported on ${platform}`);
  } catch (error) {
    outcome = failed(platform, oneLine(error));
  }
  return { ...outcome, durationMs: performance.now() - started, at };
}

/** A sampler for this machine (or the platform a test forces). */
export function createSocketSampler(options: SocketSamplerOptions = {}): SocketSampler {
  let running: Promise<SocketSample> | null = null;
  const memory: DarwinMemory = { nettopRestsUntil: 0, restingDetail: null };
  return {
    sample() {
      running ??= sampleOnce(options, memory).finally(() => {
        running = null;
      });
      return running;
    },
  };
}
