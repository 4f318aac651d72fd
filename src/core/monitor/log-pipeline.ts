/**
 * The engine's log side: picks the live source for the platform, folds its events into one
 * LogAggregator, and hands only the new events onward (for notifications and chart markers).
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type { LogEvent, SourceInfo } from '../../shared/snapshot';
import type { LogSourceOption } from '../engine-api';
import { LogAggregator } from '../logs/log-aggregator';
import { toPartStatus, type LogSource } from '../logs/log-source';
import { SyslogFollower } from '../logs/syslog-follower';
import { UnifiedLogStream } from '../logs/unified-log-stream';

/** macOS 10.9-10.11 wrote apsd's lines here; 10.12+ has the unified log instead. */
const LEGACY_SYSLOG = '/var/log/system.log';
const UNIFIED_LOG_BINARY = '/usr/bin/log';

export interface LogPipelineOptions {
  source: LogSourceOption;
  platform: NodeJS.Platform;
  processes: readonly string[];
  backfillSeconds: number;
  /** False for one-shot commands: back-fill, then stop following. */
  follow: boolean;
}

export interface LogPipelineEvents {
  /** Events not seen before, oldest first. */
  fresh: [LogEvent[]];
  warning: [string];
}

/** What `auto` means on this platform; null with a reason when there is no apsd log to read. */
export function resolveLogSource(
  option: LogSourceOption,
  platform: NodeJS.Platform,
): LogSourceOption | { kind: 'none'; why: string } {
  if (option.kind !== 'auto')
    return option.kind === 'none' ? { kind: 'none', why: 'log reading turned off' } : option;
  if (platform !== 'darwin')
    return {
      kind: 'none',
      why: `apsd logs exist only on macOS; this is ${platform} (use --log-file to follow a file)`,
    };
  if (existsSync(UNIFIED_LOG_BINARY)) return { kind: 'unified-log' };
  if (existsSync(LEGACY_SYSLOG))
    return { kind: 'syslog-file', path: LEGACY_SYSLOG, backfillArchives: true };
  return { kind: 'none', why: `neither ${UNIFIED_LOG_BINARY} nor ${LEGACY_SYSLOG} exists` };
}

export class LogPipeline extends EventEmitter<LogPipelineEvents> {
  readonly aggregator = new LogAggregator();
  private readonly source: LogSource | null;
  private readonly noneWhy: string | null = null;
  private backfilled = false;

  constructor(private readonly options: LogPipelineOptions) {
    super();
    const resolved = resolveLogSource(options.source, options.platform);
    const sinceMs = Date.now() - options.backfillSeconds * 1000;
    if (resolved.kind === 'none') {
      this.source = null;
      this.noneWhy = 'why' in resolved ? resolved.why : 'log reading turned off';
    } else if (resolved.kind === 'syslog-file') {
      this.source = new SyslogFollower(resolved.path, {
        processes: options.processes,
        backfill: { sinceMs, archives: resolved.backfillArchives ?? false },
      });
    } else if (resolved.kind === 'unified-log') {
      this.source = new UnifiedLogStream({
        processes: options.processes,
        backfillSeconds: options.backfillSeconds,
        ...(resolved.logBinary ? { logBinary: resolved.logBinary } : {}),
      });
    } else {
      this.source = null;
    }
    this.source?.on('events', (events) => {
      const fresh = this.aggregator.add(events);
      if (fresh.length > 0) this.emit('fresh', fresh);
    });
    this.source?.on('warning', (warning) => this.emit('warning', warning));
  }

  /** Resolves once the back-fill is in; a one-shot pipeline has stopped following by then. */
  async start(): Promise<void> {
    if (!this.source) return;
    await this.source.start();
    this.backfilled = true;
    if (!this.options.follow) await this.source.stop();
  }

  async stop(): Promise<void> {
    await this.source?.stop();
  }

  sourceInfo(): SourceInfo['logs'] {
    if (!this.source)
      return { status: 'unavailable', from: 'none', linesRead: 0, detail: this.noneWhy };
    const status = this.source.status;
    const oneShotDone = !this.options.follow && this.backfilled && status.state === 'stopped';
    return {
      status: oneShotDone ? 'ok' : toPartStatus(status.state),
      from: status.from,
      linesRead: status.linesRead,
      detail: status.detail,
    };
  }
}
