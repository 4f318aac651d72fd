/**
 * The engine: samples sockets on a timer (never overlapping), reads the daemon's log lines, checks
 * the daemon itself at a slower cadence, and emits one Snapshot per sample. Data flows one way:
 * sample -> attribute -> track -> detect -> assemble -> emit.
 */
import { EventEmitter } from 'node:events';
import type { ReportRequest } from '../shared/ipc-contract';
import type { ProbeRequest, ProbeResult } from '../shared/probe';
import {
  DEFAULT_SETTINGS,
  describeWatchedPeers,
  type Settings,
  type SettingsPatch,
  type WatchRules,
} from '../shared/settings';
import type {
  ConnectionSummary,
  History,
  HistoryRange,
  Snapshot,
  SourceInfo,
} from '../shared/snapshot';
import { SpikeDetector } from './analysis/spike-detector';
import type { Engine, EngineEvents, EngineOptions } from './engine-api';
import { HistoryStore } from './history/history-store';
import { DaemonFacts } from './monitor/daemon-facts';
import { LogPipeline } from './monitor/log-pipeline';
import { samplerOptionsFor } from './monitor/sampler-options';
import { Notifier } from './monitor/notifier';
import {
  assembleSnapshot,
  emptyConnections,
  emptyLogs,
  hostOfThisProcess,
  unknownDaemon,
} from './monitor/snapshot-assembly';
import { WarningLog } from './monitor/warning-log';
import { probeCertificates } from './probe/probe-certificates';
import { buildReport } from './report/diagnostic-report';
import { collectPrivacyFacts } from './report/privacy-facts';
import { attributeRows, compileRules, type CompiledRules } from './sockets/attribution';
import { ConnectionTracker } from './sockets/connection-tracker';
import { createSocketSampler, type SocketSampler } from './sockets/socket-sampler';
import { SettingsStore } from './storage/settings-store';

const DEFAULT_BACKFILL_SECONDS = 24 * 3600;

export function createEngine(options: EngineOptions): Engine {
  return new WatchEngine(options);
}

class WatchEngine extends EventEmitter<EngineEvents> implements Engine {
  private readonly platform: NodeJS.Platform;
  private readonly warnings = new WarningLog(8, (w) => this.emit('warning', w));
  private readonly tracker = new ConnectionTracker();
  private daemon: DaemonFacts;
  private store: SettingsStore | null = null;
  private historyStore: HistoryStore | null = null;
  private logs: LogPipeline | null = null;
  private detector: SpikeDetector;
  private notifier: Notifier;
  private rules: CompiledRules;
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
    this.detector = new SpikeDetector({
      minCount: settings.spike.minCount,
      sensitivity: settings.spike.sensitivity,
    });
    this.notifier = new Notifier(this.daemonName());
    this.rules = compileRules(settings.rules);
    this.refreshSampler(settings.rules, true);
  }

  /** Stored settings with the command line's overrides on top (these are what is in force). */
  settings(): Settings {
    const stored = this.store?.get() ?? DEFAULT_SETTINGS;
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
    this.store = await SettingsStore.open(this.options.dataDir);
    this.historyStore = await HistoryStore.open(this.options.dataDir, {
      onWarning: (w) => this.warnings.add(w),
    });
    for (const warning of [...this.store.warnings, ...this.historyStore.warnings])
      this.warnings.add(warning);
    this.applySettings(this.settings());
    await this.startLogs();
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
    await this.store.update(patch);
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
    this.lastProbe = await probeCertificates(request);
    return this.lastProbe;
  }

  async report(request: ReportRequest): Promise<string> {
    const snapshot = this.snapshot ?? (await this.sampleNow());
    return buildReport({
      snapshot,
      probe: this.lastProbe,
      appVersion: this.options.appVersion ?? 'unknown',
      format: request.format,
      keepPrivate: request.keepPrivate,
      privacy: collectPrivacyFacts(),
    });
  }

  suspended(): void {
    this.detector.suspended(new Date());
  }

  resumed(): void {
    this.detector.resumed(new Date());
    void this.sampleNow();
  }

  sampleNow(): Promise<Snapshot> {
    this.inflight ??= this.takeSample().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** The first watched process name; apsd when the rules watch by peer alone. */
  private daemonName(): string {
    return this.settings().rules.processes[0] ?? 'apsd';
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
    logs.on('fresh', (events) => {
      for (const event of events)
        this.historyStore?.mark({ t: Date.parse(event.time), kind: event.kind, count: 1 });
      const notice = this.notifier.logEvents(events, new Date(), this.settings().notifications);
      if (notice) {
        this.emit('notification', notice);
        void this.sampleNow();
      }
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
    this.detector.configure({
      minCount: settings.spike.minCount,
      sensitivity: settings.spike.sensitivity,
    });
    this.rules = compileRules(settings.rules);
    // Watching another process: its own facts, cadence and notification wording.
    if (this.daemonName() !== this.daemon.name) {
      this.daemon = new DaemonFacts(this.daemonName(), this.platform);
      this.notifier = new Notifier(this.daemonName());
    }
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
    const rules = this.settings().rules;
    this.refreshSampler(rules);
    const [sample, daemon] = await Promise.all([this.sampler.sample(), this.daemon.current(now)]);
    const sockets = this.socketPart(sample);
    for (const warning of sample.warnings) this.warnings.add(warning);
    let connections: ConnectionSummary = emptyConnections();
    let spike = this.detector.state(now);
    if (sample.status !== 'failed') {
      const { attributed, unattributed } = attributeRows(sample.rows, this.rules);
      this.daemon.noticePids(attributed);
      connections = this.tracker.update(attributed, sample.at);
      sockets.rowsAttributed = attributed.length;
      sockets.rowsRead = attributed.length + unattributed;
      const observed = this.detector.observe(connections.finWait1.count, now);
      spike = observed.state;
      if (observed.started) {
        this.historyStore?.mark({ t: now.getTime(), kind: 'spike', count: observed.started.count });
        const notice = this.notifier.spikeStarted(
          observed.started,
          now,
          this.settings().notifications,
        );
        if (notice) this.emit('notification', notice);
      }
      this.historyStore?.record({
        t: now.getTime(),
        finWait1: connections.finWait1.count,
        established: connections.established.count,
        total: connections.total,
        sendQueueBytes: connections.finWait1.sendQueueBytes,
      });
    } else {
      this.warnings.add(`socket sample failed: ${sample.detail ?? 'unknown reason'}`);
    }
    const snapshot = assembleSnapshot({
      now,
      intervalSeconds: this.settings().intervalSeconds,
      daemonName: this.daemonName(),
      peersLabel: describeWatchedPeers(this.settings().rules),
      host: daemon?.host ?? hostOfThisProcess(),
      daemon: daemon?.daemon ?? unknownDaemon(this.daemonName()),
      connections,
      logs: this.logs?.aggregator.summary() ?? emptyLogs(),
      spike,
      source: {
        sockets,
        logs: this.logs?.sourceInfo() ?? {
          status: 'starting',
          from: 'none',
          linesRead: 0,
          detail: null,
        },
        daemon: daemon
          ? { status: daemon.status, from: daemon.from, detail: daemon.detail }
          : { status: 'starting', from: 'systeminformation', detail: null },
      },
      warnings: this.warnings.list(),
    });
    this.snapshot = snapshot;
    this.emit('snapshot', snapshot);
    return snapshot;
  }

  private socketPart(sample: Awaited<ReturnType<SocketSampler['sample']>>): SourceInfo['sockets'] {
    return {
      status: sample.status,
      from: sample.from,
      rowsRead: sample.rows.length,
      rowsAttributed: 0,
      detail: sample.detail,
      at: sample.at.toISOString(),
      durationMs: Math.round(sample.durationMs * 10) / 10,
    };
  }
}
