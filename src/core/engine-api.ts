/**
 * The engine as its hosts see it (the CLI's `serve`, the dashboard server, the Electron main
 * process). Hosts own transport and security; everything else happens behind this interface.
 */
import type { EventEmitter } from 'node:events';
import type { ReportRequest } from '../shared/ipc-contract';
import type { ProbeRequest, ProbeResult } from '../shared/probe';
import type { Settings, SettingsPatch } from '../shared/settings';
import type { AppNotification, History, HistoryRange, Snapshot } from '../shared/snapshot';
import type { LogSourceOption } from './logs/live/create-live-log-source';

export interface EngineEvents {
  snapshot: [Snapshot];
  notification: [AppNotification];
  /** A one-line problem worth showing (also carried in the next snapshot's `warnings`). */
  warning: [string];
}

export interface Engine extends EventEmitter<EngineEvents> {
  /** Starts the timers and log sources; the first snapshot follows promptly. */
  start(): Promise<void>;
  /** Stops timers and children; resolves when every child has exited. */
  stop(): Promise<void>;
  /** Samples now (never overlapping a running sample) and returns the new snapshot. */
  sampleNow(): Promise<Snapshot>;
  latest(): Snapshot | null;
  history(range: HistoryRange): History;
  settings(): Settings;
  /** Validates, persists atomically and applies without restart. */
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  /** The certificate probe: the only network connection the app makes, and only on request. */
  probe(request: ProbeRequest): Promise<ProbeResult>;
  report(request: ReportRequest): Promise<string>;
  /**
   * The popover (or dashboard) opened: read apsd's client list again (at most once a minute) and
   * emit a snapshot with it.
   */
  refreshPushClients(): Promise<Snapshot>;
  /** Power events from the host: a wake mutes spike alerts for a grace period. */
  suspended(): void;
  resumed(): void;
}

export interface EngineOptions {
  /** History, settings and their corrupt-file quarantine live here. */
  dataDir: string;
  /** Overrides the stored settings' interval (CLI `--interval`) without persisting it. */
  intervalSeconds?: number;
  /** Overrides the stored watch rules (CLI `--process/--port/--peer`) without persisting them. */
  rules?: import('../shared/settings').WatchRules;
  logSource?: LogSourceOption;
  /** False for one-shot commands (`status`): back-fill the logs, then stop reading them. */
  followLogs?: boolean;
  /** How far back to read logs at start-up, in seconds (default 24 h). */
  logBackfillSeconds?: number;
  /** Defaults to process.platform; tests may force 'linux'. */
  platform?: NodeJS.Platform;
  /** For the report: the app's version string. */
  appVersion?: string;
  /** A stand-in for `apsctl` (tests); the real one on macOS otherwise. */
  apsctlBinary?: string;
}
