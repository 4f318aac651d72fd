/**
 * The engine: the timers and I/O around the pure pipeline (monitor/analyse.ts). It samples sockets
 * on a timer (never overlapping), reads the daemon's log lines, checks the daemon itself at a
 * slower cadence, and emits one Snapshot per sample. Data flows one way: sample -> analyse ->
 * snapshot -> emit, and the analysis's events (notifications, history) are acted on here.
 */
import { EventEmitter } from 'node:events';
import type { ReportRequest } from '../shared/ipc-contract';
import type { ProbeRequest, ProbeResult } from '../shared/probe';
import {
  DEFAULT_SETTINGS,
  type Settings,
  type SettingsPatch,
  type WatchRules,
} from '../shared/settings';
import type { History, HistoryRange, Snapshot } from '../shared/snapshot';
import type { Engine, EngineEvents, EngineOptions } from './engine-api';
import { HistoryStore } from './history/history-store';
import { DaemonFacts } from './monitor/daemon-facts';
import {
  analyse,
  analyseLogEvents,
  createPipelineState,
  daemonNameOf,
  reconfigurePipeline,
  sampleWarnings,
  type PipelineEvent,
  type PipelineState,
} from './monitor/analyse';
import { LogPipeline } from './monitor/log-pipeline';
import { PUSH_CLIENTS_MIN_GAP_MS, PushClientFacts } from './monitor/push-client-facts';
import { networkIsUp } from './push-clients/network-up';
import { samplerOptionsFor } from './monitor/sampler-options';
import { emptyLogs } from './monitor/snapshot-assembly';
import { WarningLog } from './monitor/warning-log';
import { compileRules } from './sockets/attribution';
import { createSocketSampler, type SocketSampler } from './sockets/socket-sampler';
import { SettingsStore } from './storage/settings-store';

const DEFAULT_BACKFILL_SECONDS = 24 * 3600;

export function createEngine(options: EngineOptions): Engine {
  return new WatchEngine(options);
}

class WatchEngine extends EventEmitter<EngineEvents> implements Engine {
  private readonly platform: NodeJS.Platform;
  private readonly warnings = new WarningLog(8, (w) => this.emit('warning', w));
  private readonly pipeline: PipelineState;
  private daemon: DaemonFacts;
  private readonly pushClients: PushClientFacts;
  private store: SettingsStore | null = null;
  private historyStore: HistoryStore | null = null;
  private logs: LogPipeline | null = null;
  private sampler!: SocketSampler;
  private samplerOwners = true;
  private lastProbe: ProbeResult | null = null;
  private snapshot: Snapshot | null = null;
  private inflight: Promise<Snapshot> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(private readonly options: EngineOptions) {
    super();
    this.platform = options.platform ?? process.platform;
    const settings = this.settings();
    this.daemon = new DaemonFacts(this.daemonName(), this.platform);
    this.pushClients = new PushClientFacts({
      platform: this.platform,
      ...(options.apsctlBinary ? { binary: options.apsctlBinary } : {}),
    });
    this.pipeline = createPipelineState(settings);
    this.refreshSampler(settings.rules, true);
  }

  /** Stored settings with the command line's overrides on top (these are what is in force). */
  settings(): Settings {
    return this.withOverrides(this.store?.get() ?? DEFAULT_SETTINGS);
  }

  private withOverrides(stored: Settings): Settings {
    return {
      ...stored,
      ...(this.options.rules ? { rules: this.options.rules } : {}),
      ...(this.options.intervalSeconds !== undefined
        ? { intervalSeconds: this.options.intervalSeconds }
        : {}),
    };
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.store = await SettingsStore.open(this.options.dataDir, {
      onWarning: (w) => this.warnings.add(w),
    });
    // A save failure is said once as it happens; its running count lives in saveProblem().
    this.historyStore = await HistoryStore.open(this.options.dataDir, {
      onWarning: (w) => this.emit('warning', w),
    });
    for (const warning of [...this.store.warnings, ...this.historyStore.warnings])
      this.warnings.add(warning);
    this.applySettings(this.settings());
    await this.startLogs();
    // The first snapshot carries the client list (one apsctl run, bounded by its timeout).
    await this.pushClients.refresh(new Date());
    await this.sampleNow();
    this.schedule();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inflight?.catch(() => undefined);
    await this.logs?.stop();
    await this.historyStore?.close();
  }

  latest(): Snapshot | null {
    return this.snapshot;
  }

  history(range: HistoryRange): History {
    return this.historyStore?.query(range) ?? { range, points: [], markers: [] };
  }

  async updateSettings(patch: SettingsPatch): Promise<Settings> {
    if (!this.store) throw new Error('the engine has not started');
    const followed = this.logProcesses().join('\n');
    // The rules are compiled before the write, so an update the engine cannot use is never saved.
    await this.store.update(patch, (next) => void compileRules(this.withOverrides(next).rules));
    const settings = this.settings();
    this.applySettings(settings);
    // New process names mean other log lines: read them afresh, back-fill included.
    if (this.logProcesses().join('\n') !== followed) {
      await this.logs?.stop();
      await this.startLogs();
    }
    this.schedule();
    void this.sampleNow();
    return settings;
  }

  async probe(request: ProbeRequest): Promise<ProbeResult> {
    // Loaded on first use: TLS and the report cost start-up time that a sample never needs.
    const { probeCertificates } = await import('./probe/probe-certificates');
    this.lastProbe = await probeCertificates(request);
    return this.lastProbe;
  }

  async report(request: ReportRequest): Promise<string> {
    const snapshot = this.snapshot ?? (await this.sampleNow());
    const [{ buildReport }, { collectPrivacyFacts }] = await Promise.all([
      import('./report/diagnostic-report'),
      import('./report/privacy-facts'),
    ]);
    return buildReport({
      snapshot,
      probe: this.lastProbe,
      appVersion: this.options.appVersion ?? 'unknown',
      format: request.format,
      keepPrivate: request.keepPrivate,
      privacy: collectPrivacyFacts(),
    });
  }

  async refreshPushClients(): Promise<Snapshot> {
    await this.pushClients.refresh(new Date(), PUSH_CLIENTS_MIN_GAP_MS);
    return this.sampleNow();
  }

  suspended(): void {
    this.pipeline.detector.suspended(new Date());
  }

  resumed(): void {
    this.pipeline.detector.resumed(new Date());
    void this.sampleNow();
  }

  sampleNow(): Promise<Snapshot> {
    this.inflight ??= this.takeSample().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private daemonName(): string {
    return daemonNameOf(this.settings().rules);
  }

  /** Whose log lines to read: the watched processes, or apsd when the rules watch by peer alone. */
  private logProcesses(): readonly string[] {
    const { processes } = this.settings().rules;
    return processes.length ? processes : [this.daemonName()];
  }

  private async startLogs(): Promise<void> {
    const logs = new LogPipeline({
      source: this.options.logSource ?? { kind: 'auto' },
      platform: this.platform,
      processes: this.logProcesses(),
      backfillSeconds: this.options.logBackfillSeconds ?? DEFAULT_BACKFILL_SECONDS,
      follow: this.options.followLogs ?? true,
    });
    logs.on('warning', (w) => this.warnings.add(w));
    logs.on('fresh', (fresh) => {
      const events = analyseLogEvents(
        fresh,
        new Date(),
        this.settings().notifications,
        this.pipeline,
      );
      this.act(events);
      if (events.some((e) => e.kind === 'notification')) void this.sampleNow();
    });
    this.logs = logs;
    await logs.start();
  }

  /** A new sampler when the rules change or the daemon's presence changes whether owners matter. */
  private refreshSampler(rules: WatchRules, force = false): void {
    const options = samplerOptionsFor(rules, this.daemon.mayBeRunning(), this.platform);
    const owners = options.needProcessNames ?? false;
    if (!force && owners === this.samplerOwners) return;
    this.samplerOwners = owners;
    this.sampler = createSocketSampler(options);
  }

  private applySettings(settings: Settings): void {
    reconfigurePipeline(this.pipeline, settings);
    // Watching another process: its own facts and cadence.
    if (this.daemonName() !== this.daemon.name)
      this.daemon = new DaemonFacts(this.daemonName(), this.platform);
    this.refreshSampler(settings.rules, true);
  }

  /** The next sample is timed from the end of this one, so samples never overlap. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sampleNow().finally(() => this.schedule());
    }, this.settings().intervalSeconds * 1000);
  }

  private async takeSample(): Promise<Snapshot> {
    const now = new Date();
    const settings = this.settings();
    // The daemon check first (one ps, every few minutes): if it is not running, owners are not
    // worth a full socket table, which matters most to a one-shot `status`.
    const daemon = await this.daemon.current(now);
    this.refreshSampler(settings.rules);
    const sample = await this.sampler.sample();
    for (const warning of sampleWarnings(sample)) this.warnings.add(warning);
    // On the slow timer the read runs beside sampling; its result shows in the next snapshot.
    if (this.running && this.pushClients.due(now))
      void this.pushClients.refresh(now).then(() => this.running && void this.sampleNow());
    const { snapshot, events } = analyse(
      {
        now,
        intervalSeconds: settings.intervalSeconds,
        sockets: { kind: 'live', sample },
        daemon: { kind: 'checked', check: daemon },
        logs: {
          summary: this.logs?.aggregator.summary() ?? emptyLogs(),
          source: this.logs?.sourceInfo() ?? {
            status: 'starting',
            from: 'none',
            linesRead: 0,
            detail: null,
          },
        },
        notifications: settings.notifications,
        warnings: this.warnings.list(),
        pushClientsRead: { part: this.pushClients.part(), networkUp: networkIsUp() },
      },
      this.pipeline,
    );
    this.daemon.noticePids(snapshot.connections.items);
    this.act(events);
    // Recording this sample may have just failed (a full disk): this snapshot says so already.
    const saveProblem = this.historyStore?.saveProblem();
    const shown: Snapshot = saveProblem
      ? { ...snapshot, warnings: [...snapshot.warnings, saveProblem] }
      : snapshot;
    this.snapshot = shown;
    this.emit('snapshot', shown);
    return shown;
  }

  /** What the analysis asks for: the history store's points and markers, the host's notices. */
  private act(events: readonly PipelineEvent[]): void {
    for (const event of events) {
      if (event.kind === 'notification') this.emit('notification', event.notification);
      else if (event.kind === 'history-point') this.historyStore?.record(event.point);
      else this.historyStore?.mark(event.marker);
    }
  }
}
