/**
 * One socket table per sample, from the cheapest source each platform has. A sample never
 * throws and never overlaps the previous one: a hung command is killed after the timeout and
 * garbled output fails with the parser's reason, both as one line in `detail`.
 */
import type { SocketRow } from '../../shared/snapshot';
import { runCommand } from '../exec/run-command';
import { parseNetstat } from './netstat-parse';
import { parseNettop } from './nettop-parse';
import { readProcSocketTable } from './proc-socket-table';
import { unusableReason, type SocketParseResult } from './socket-parse-result';
import { parseSs } from './ss-parse';
import { errorLine } from '../../shared/error-line';

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
  /** Linux: also find each socket's owner (`ss -p`; costly, so only when rules name processes). */
  needProcessNames?: boolean;
  /**
   * Linux, without process names: ask the kernel for sockets to these peer ports only, so a
   * sample costs the same however many other sockets the machine has (bench/RESULTS.md, 1).
   */
  peerPorts?: readonly number[];
  /** Test seam: programs run instead of netstat, nettop (macOS) or ss (stand-ins, missing paths). */
  commands?: { netstat?: string; nettop?: string; ss?: string };
  /** Test seam: where the proc filesystem is mounted (Linux fallback). */
  procRoot?: string;
}

/** `-l` prints IPv6 addresses whole: without it netstat cuts them at 16 characters. */
const NETSTAT_ARGS = ['-anvl', '-p', 'tcp'];
const NETTOP_ARGS = ['-m', 'tcp', '-L', '1', '-n', '-J', 'state,bytes_in,bytes_out'];

type Outcome = Omit<SocketSample, 'durationMs' | 'at'>;

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
    return errorLine(error);
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
 * show non-root callers only their own sockets, docs/sources.md#netstat-formats), nettop is asked
 * instead.
 */
async function sampleDarwin(
  options: SocketSamplerOptions,
  timeoutMs: number,
  memory: DarwinMemory,
): Promise<Outcome> {
  const netstat = options.commands?.netstat ?? '/usr/sbin/netstat';
  const from = `netstat ${NETSTAT_ARGS.join(' ')}`;
  // -l prints addresses whole: no peer in this table is a cut prefix.
  const table = await readTable(netstat, NETSTAT_ARGS, timeoutMs, (text) =>
    parseNetstat(text, { addressesWhole: true }),
  );
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
 * Linux: `ss -tan` (`-tanp` when the rules name processes), with /proc/net/tcp{,6} read
 * in-process as the fallback. Measured here (Node 20.20, kernel 6.18 with a 262,144-bucket
 * established hash, 2 cores shared with other jobs, so +-15%): total CPU per sample including
 * the child, 30-100 samples per figure:
 *                                        72 sockets   6,006 sockets
 *   ss -tan, child + parse                  3.5 ms        21 ms   (14 ms in the child)
 *   /proc/net/tcp{,6}, read + parse         9 ms          23 ms   (sync reads; async +20%)
 *   ss -tanp, child + parse                 6.7 ms        55 ms
 *   /proc + our /proc/<pid>/fd scan        13 ms          48 ms
 * Reading /proc/net/tcp walks the whole hash table in the kernel (~4.5 ms per file even when
 * nearly empty), so ss is cheaper at both sizes and at the usual one by far.
 */
/** ss's own filter expression, as one argument: `( dport = :5223 or dport = :443 )`. */
function peerPortFilter(ports: readonly number[] | undefined): string[] {
  if (!ports || ports.length === 0) return [];
  return [`( ${ports.map((port) => `dport = :${port}`).join(' or ')} )`];
}

async function sampleLinux(options: SocketSamplerOptions, timeoutMs: number): Promise<Outcome> {
  const ss = options.commands?.ss ?? 'ss';
  const args = options.needProcessNames
    ? ['-tanp']
    : ['-tan', ...peerPortFilter(options.peerPorts)];
  const from = `ss ${args.join(' ')}`;
  const table = await readTable(ss, args, timeoutMs, parseSs);
  if (typeof table !== 'string')
    return { rows: table.rows, from, status: 'ok', detail: null, warnings: table.warnings };
  const proc = readProcSocketTable(options.procRoot ?? '/proc', options.needProcessNames ?? false);
  if (!proc.ok) return failed(from, `${table}; ${proc.error}`);
  return {
    rows: proc.rows,
    from: proc.from,
    status: 'fallback',
    detail: `${table}; read ${proc.from} instead`,
    warnings: proc.warnings,
  };
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
    const timeoutMs = options.timeoutMs ?? 5000;
    if (platform === 'darwin') outcome = await sampleDarwin(options, timeoutMs, memory);
    else if (platform === 'linux') outcome = await sampleLinux(options, timeoutMs);
    else outcome = failed('none', `socket sampling is not supported on ${platform}`);
  } catch (error) {
    outcome = failed(platform, errorLine(error));
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
