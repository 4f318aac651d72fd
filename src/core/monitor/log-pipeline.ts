/**
 * The engine's log side: picks the live source for the platform, folds its events into one
 * LogAggregator, and hands only the new events onward (for notifications and chart markers).
 */
import { EventEmitter } from 'node:events';
import { release } from 'node:os';
import type { LogEvent, SourceInfo } from '../../shared/snapshot';
import { createLogSource, type LogSourceOption } from '../logs/live/create-live-log-source';
import { FloodMeter } from '../logs/live/flood-meter';
import { LogAggregator } from '../logs/kinds/log-aggregator';
import { toPartStatus, type LogSource } from '../logs/live/live-log-source';

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

/** Why there is no log to read, or null when there is one: apsd logs only on macOS. */
function noLogReason(option: LogSourceOption, platform: NodeJS.Platform): string | null {
  if (option.kind === 'none') return 'log reading turned off';
  if (option.kind === 'auto' && platform !== 'darwin')
    return `apsd logs exist only on macOS, not on ${platform}; --log-file reads a saved log instead`;
  return null;
}

export class LogPipeline extends EventEmitter<LogPipelineEvents> {
  readonly aggregator = new LogAggregator();
  private readonly source: LogSource | null;
  private readonly noneWhy: string | null;
  private backfilled = false;
  private readonly flood = new FloodMeter();

  constructor(private readonly options: LogPipelineOptions) {
    super();
    this.noneWhy = noLogReason(options.source, options.platform);
    this.source = this.noneWhy
      ? null
      : createLogSource(options.source, {
          processes: options.processes,
          backfillSeconds: options.backfillSeconds,
          platform: options.platform,
          osRelease: release(),
        });
    this.source?.on('events', (events) => {
      const fresh = this.aggregator.add(events, { overlapping: this.source!.overlaps });
      // Only live lines: a back-fill of a day is many lines at once, not a flood.
      const flood = this.backfilled
        ? this.flood.add(fresh.length, Date.now(), options.processes.join('/') || 'log')
        : null;
      if (flood) this.emit('warning', flood);
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
