/**
 * Supervises `log stream --style ndjson --predicate 'process == "apsd"'` (macOS 10.12+): parses
 * its records into events, restarts it with exponential backoff when it dies, back-fills with
 * `log show` at start and over every gap, and reports its health as a LogSourceStatus.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { runCommand } from '../../exec/run-command';
import { LineSplitter } from '../../input/line-splitter';
import { snippet } from '../../input/untrusted-snippet';
import { APSD_RULES } from '../../../shared/settings';
import { displayCommand, processPredicate } from './log-predicate';
import type {
  LogSource,
  LogSourceEvents,
  LogSourceState,
  LogSourceStatus,
} from './live-log-source';
import { RestartBackoff } from './restart-backoff';
import { parseUnifiedLogLines } from '../lines/unified-log-record';
import { errorLine } from '../../../shared/error-line';

export interface UnifiedLogStreamOptions {
  processes?: readonly string[];
  /** The `log` executable; tests point this at a stand-in. Default `log` (found on PATH). */
  logBinary?: string;
  /** Back-fill this many seconds with `log show` at start; 0 for none (default). */
  backfillSeconds?: number;
  /** First restart delay, doubled per consecutive failure up to `maxBackoffMs` (1 s .. 60 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A run at least this long resets the backoff (default 60 s). */
  stableRunMs?: number;
  /** How often to look again for a missing `log` binary (default 60 s). */
  unavailableRetryMs?: number;
  /** Consecutive failed runs after which the state is `failed` (still retrying); default 5. */
  failedAfterRestarts?: number;
  backfillTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL (default 2 s). */
  killGraceMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** One `log stream` child's life, for its exit report. */
interface Run {
  startedAt: number;
  /** Its last non-empty stderr line: usually why it died. */
  lastStderr: string;
  /** An unreadable-output warning was already shown for this run. */
  warned: boolean;
}

/** Seconds of overlap added to a gap back-fill; the aggregator drops the duplicates. */
const GAP_MARGIN_S = 5;

export class UnifiedLogStream extends EventEmitter<LogSourceEvents> implements LogSource {
  /** Gap back-fills overlap the stream by GAP_MARGIN_S on purpose. */
  readonly overlaps = true;
  private readonly bin: string;
  private readonly processes: ReadonlySet<string>;
  private readonly predicate: string;
  private readonly o: Required<Omit<UnifiedLogStreamOptions, 'processes' | 'logBinary' | 'env'>>;
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private backfilling: Promise<void> = Promise.resolve();
  /** Cancels a running `log show` back-fill when the stream stops. */
  private readonly backfillAbort = new AbortController();
  private readonly backoff: RestartBackoff;
  private lastExitAt: number | null = null;
  private stopping = false;
  private current: LogSourceStatus;

  constructor(private readonly options: UnifiedLogStreamOptions = {}) {
    super();
    this.bin = options.logBinary ?? 'log';
    this.processes = new Set(options.processes ?? APSD_RULES.processes);
    this.predicate = processPredicate([...this.processes]);
    this.o = {
      backfillSeconds: options.backfillSeconds ?? 0,
      initialBackoffMs: options.initialBackoffMs ?? 1000,
      maxBackoffMs: options.maxBackoffMs ?? 60_000,
      stableRunMs: options.stableRunMs ?? 60_000,
      unavailableRetryMs: options.unavailableRetryMs ?? 60_000,
      failedAfterRestarts: options.failedAfterRestarts ?? 5,
      backfillTimeoutMs: options.backfillTimeoutMs ?? 30_000,
      killGraceMs: options.killGraceMs ?? 2000,
    };
    this.backoff = new RestartBackoff({
      initialMs: this.o.initialBackoffMs,
      maxMs: this.o.maxBackoffMs,
      stableRunMs: this.o.stableRunMs,
      failingAfter: this.o.failedAfterRestarts,
    });
    const from = displayCommand(this.bin, this.streamArgs());
    this.current = { state: 'starting', from, linesRead: 0, detail: null, restarts: 0 };
  }

  get status(): LogSourceStatus {
    return { ...this.current };
  }

  async start(): Promise<void> {
    this.stopping = false;
    if (await this.launch()) await this.backfill(this.o.backfillSeconds);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), this.o.killGraceMs);
      await this.exited;
      clearTimeout(force);
    }
    this.backfillAbort.abort();
    await this.backfilling;
    this.setStatus('stopped', null);
  }

  private streamArgs(): string[] {
    return ['stream', '--style', 'ndjson', '--predicate', this.predicate];
  }

  /** Spawns `log stream`; false when it could not be started (a retry is scheduled). */
  private async launch(): Promise<boolean> {
    const child = spawn(this.bin, this.streamArgs(), {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: this.options.env ?? process.env,
    });
    // Known at once, so stop() can kill a child that is still starting.
    this.child = child;
    this.exited = new Promise<void>((resolve) => {
      child.once('close', () => resolve());
      child.once('error', () => resolve());
    });
    const run: Run = { startedAt: Date.now(), lastStderr: '', warned: false };
    this.readOutput(child, run);
    const failure = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      child.once('spawn', () => resolve(null));
      child.once('error', resolve);
    });
    if (failure) {
      this.child = null;
      this.onSpawnError(failure);
      return false;
    }
    child.on('error', (error) => this.emit('warning', `log stream: ${errorLine(error)}`));
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) =>
      this.onExit(code, signal, run),
    );
    if (this.stopping) return false;
    this.setStatus('running', null);
    return true;
  }

  private readOutput(child: ChildProcess, run: Run): void {
    const out = new LineSplitter();
    const err = new LineSplitter();
    const take = (lines: string[]) => {
      run.warned = this.accept(lines, 'log stream', run.warned) || run.warned;
    };
    const keepStderr = (lines: (string | null)[]) => {
      const last = lines.filter((l): l is string => !!l?.trim()).at(-1);
      if (last !== undefined) run.lastStderr = snippet(last, 200);
    };
    child.stdout!.on('data', (chunk: Buffer) => take(out.push(chunk)));
    child.stdout!.on('end', () => take([out.flush()].filter((l): l is string => l !== null)));
    child.stderr!.on('data', (chunk: Buffer) => keepStderr(err.push(chunk)));
    child.stderr!.on('end', () => keepStderr([err.flush()]));
  }

  /**
   * Parses ndjson lines and emits their events; warns about the first unreadable line unless
   * `quiet`. Returns true when a line was unreadable.
   */
  private accept(lines: string[], what: string, quiet: boolean): boolean {
    if (!lines.length) return false;
    this.current.linesRead += lines.length;
    this.emit('lines', lines);
    const { events, firstGarbled } = parseUnifiedLogLines(lines, this.processes);
    if (firstGarbled !== null && !quiet)
      this.emit('warning', `${what}: unreadable output skipped: ${snippet(firstGarbled)}`);
    if (events.length) this.emit('events', events);
    return firstGarbled !== null;
  }

  private onSpawnError(error: NodeJS.ErrnoException): void {
    if (this.stopping) return;
    if (error.code === 'ENOENT') {
      const every = this.o.unavailableRetryMs / 1000;
      this.setStatus(
        'unavailable',
        `${this.bin}: command not found; checking again every ${every} s`,
      );
      this.retryIn(this.o.unavailableRetryMs);
      return;
    }
    const delay = this.backoff.failed();
    this.setStatus(this.failureState(), `${this.bin}: ${errorLine(error)}`);
    this.retryIn(delay);
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null, run: Run): void {
    this.child = null;
    if (this.stopping) return;
    this.lastExitAt = Date.now();
    this.current.restarts++;
    const delay = this.backoff.ended(this.lastExitAt - run.startedAt);
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const stderr = run.lastStderr;
    this.setStatus(
      this.failureState(),
      `log stream ${how}${stderr ? ` (${stderr})` : ''}; restart ${this.current.restarts} in ${delay / 1000} s`,
    );
    this.retryIn(delay);
  }

  private retryIn(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.relaunch();
    }, ms);
  }

  private async relaunch(): Promise<void> {
    if (this.stopping || !(await this.launch())) return;
    // Whatever apsd logged while no stream ran comes from `log show`.
    if (this.lastExitAt !== null)
      await this.backfill(Math.ceil((Date.now() - this.lastExitAt) / 1000) + GAP_MARGIN_S);
  }

  private backfill(seconds: number): Promise<void> {
    if (seconds <= 0 || this.stopping) return Promise.resolve();
    const args = [
      'show',
      '--style',
      'ndjson',
      '--last',
      `${seconds}s`,
      '--predicate',
      this.predicate,
    ];
    const run = runCommand(this.bin, args, {
      timeoutMs: this.o.backfillTimeoutMs,
      signal: this.backfillAbort.signal,
      ...(this.options.env ? { env: this.options.env } : {}),
    }).then(
      ({ stdout }) => {
        if (!this.stopping)
          this.accept(
            stdout.split('\n').filter((l) => l.trim()),
            'log show',
            false,
          );
      },
      (error: unknown) => {
        if (!this.stopping) this.emit('warning', `back-fill failed: ${errorLine(error)}`);
      },
    );
    this.backfilling = this.backfilling.then(() => run);
    return run;
  }

  private failureState(): LogSourceState {
    return this.backoff.failing ? 'failed' : 'restarting';
  }

  private setStatus(state: LogSourceState, detail: string | null): void {
    if (this.current.state === state && this.current.detail === detail) return;
    this.current = { ...this.current, state, detail };
    this.emit('status', this.status);
  }
}
