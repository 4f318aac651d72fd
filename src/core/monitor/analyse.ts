/**
 * The one pipeline every snapshot comes from: `analyse(sample, state) -> { snapshot, events }`.
 * No I/O, no clock, no timers: everything it reads is in the sample, the state it advances is
 * in memory, and what the caller must do (notify, record history) comes back as events. The
 * engine runs it on its timer; `analyze-netstat` and `scan-logs` run it once (offline-snapshot.ts).
 */
import {
  DEFAULT_DAEMON_NAME,
  describeWatchedPeers,
  type Settings,
  type WatchRules,
} from '../../shared/settings';
import type {
  AppNotification,
  DaemonInfo,
  HistoryMarker,
  HistoryPoint,
  HostInfo,
  LogEvent,
  LogSummary,
  Snapshot,
  SocketRow,
  SourceInfo,
} from '../../shared/snapshot';
import { SpikeDetector } from '../analysis/spike-detector';
import type { DaemonCheck } from '../daemon/daemon-info';
import {
  attributeRows,
  compileRules,
  type CompiledRules,
  type KnownOwners,
} from '../sockets/attribution';
import type { CaptureTallyResult } from '../sockets/capture-tally';
import { ConnectionTracker, emptyConnections } from '../sockets/connection-tracker';
import type { SocketSample } from '../sockets/socket-sampler';
import { Notifier, type NotifierSettings } from './notifier';
import type { PushClientsPart } from './push-client-facts';
import {
  assembleSnapshot,
  hostOfThisProcess,
  skippedPart,
  unknownDaemon,
} from './snapshot-assembly';

/** What the pipeline remembers between samples. Created once, reconfigured when settings change. */
export interface PipelineState {
  readonly tracker: ConnectionTracker;
  readonly detector: SpikeDetector;
  readonly notifier: Notifier;
  rules: CompiledRules;
  watched: WatchRules;
}

export function createPipelineState(settings: Pick<Settings, 'rules' | 'spike'>): PipelineState {
  return {
    tracker: new ConnectionTracker(),
    detector: new SpikeDetector(spikeOptions(settings)),
    notifier: new Notifier(daemonNameOf(settings.rules)),
    rules: compileRules(settings.rules),
    watched: settings.rules,
  };
}

/** Applies changed settings; the tracker's ages and the detector's baseline are kept. */
export function reconfigurePipeline(
  state: PipelineState,
  settings: Pick<Settings, 'rules' | 'spike'>,
): void {
  state.detector.configure(spikeOptions(settings));
  state.rules = compileRules(settings.rules);
  // Watching another process: its own notification wording.
  state.notifier.rename(daemonNameOf(settings.rules));
  state.watched = settings.rules;
}

/** The first watched process name; apsd when the rules watch by peer alone. */
export function daemonNameOf(rules: WatchRules): string {
  return rules.processes[0] ?? DEFAULT_DAEMON_NAME;
}

function spikeOptions(settings: Pick<Settings, 'spike'>) {
  return { minCount: settings.spike.minCount, sensitivity: settings.spike.sensitivity };
}

/** The socket side of one sample. */
type SocketInput =
  /** A live sample: it feeds the spike detector and the history. */
  | { kind: 'live'; sample: SocketSample }
  /** A saved table (one moment, maybe another machine): counted, never learned from. */
  | { kind: 'capture'; rows: readonly SocketRow[]; from: string }
  /** A saved table already counted as it streamed (analyze-netstat): see CaptureTally. */
  | { kind: 'capture-tally'; tally: CaptureTallyResult; from: string }
  | { kind: 'skipped'; why: string };

/** The daemon side: a check (null before the first one finishes), or none made. */
type DaemonInput =
  { kind: 'checked'; check: DaemonCheck | null } | { kind: 'skipped'; why: string };

export interface PipelineSample {
  now: Date;
  intervalSeconds: number;
  sockets: SocketInput;
  daemon: DaemonInput;
  logs: { summary: LogSummary; source: SourceInfo['logs'] };
  notifications: NotifierSettings;
  /** The snapshot's visible warnings, as the caller keeps them (see sampleWarnings). */
  warnings: readonly string[];
  /** apsd's clients as last read, and whether the network is up; absent where not read. */
  pushClientsRead?: { part: PushClientsPart; networkUp: boolean | null };
}

export type PipelineEvent =
  | { kind: 'notification'; notification: AppNotification }
  | { kind: 'history-point'; point: HistoryPoint }
  | { kind: 'history-marker'; marker: HistoryMarker };

export interface Analysis {
  snapshot: Snapshot;
  events: PipelineEvent[];
}

/** The warnings a live socket sample brings: the parser's, and one line when it failed. */
export function sampleWarnings(sample: SocketSample): string[] {
  return sample.status === 'failed'
    ? [...sample.warnings, `socket sample failed: ${sample.detail ?? 'unknown reason'}`]
    : [...sample.warnings];
}

export function analyse(sample: PipelineSample, state: PipelineState): Analysis {
  const { now } = sample;
  const events: PipelineEvent[] = [];
  const daemonName = daemonNameOf(state.watched);
  const sockets = socketPart(sample.sockets);
  let connections = emptyConnections();
  let spike = state.detector.state(now);
  const input = sample.sockets;
  if (input.kind === 'capture-tally') {
    connections = input.tally.connections;
    sockets.rowsRead = input.tally.rowsRead;
    sockets.rowsAttributed = input.tally.rowsAttributed;
    sockets.notAttributed = input.tally.notAttributed;
    sockets.linesNotRead = input.tally.linesNotRead;
  } else if (
    input.kind === 'capture' ||
    (input.kind === 'live' && input.sample.status !== 'failed')
  ) {
    const rows = input.kind === 'live' ? input.sample.rows : input.rows;
    // Only a live sample's pids are this machine's: a saved capture may come from another Mac.
    const owners = input.kind === 'live' ? ownersFrom(sample.daemon) : undefined;
    const { attributed, unattributed, notAttributed } = attributeRows(rows, state.rules, owners);
    connections = state.tracker.update(attributed, input.kind === 'live' ? input.sample.at : now);
    sockets.rowsAttributed = attributed.length;
    sockets.rowsRead = attributed.length + unattributed;
    sockets.notAttributed = notAttributed;
    if (input.kind === 'live') {
      const observed = state.detector.observe(connections.finWait1.count, now);
      spike = observed.state;
      if (observed.started) {
        events.push({
          kind: 'history-marker',
          marker: { t: now.getTime(), kind: 'spike', count: observed.started.count },
        });
        const notification = state.notifier.spikeStarted(
          observed.started,
          now,
          sample.notifications,
        );
        if (notification) events.push({ kind: 'notification', notification });
      }
      events.push({
        kind: 'history-point',
        point: {
          t: now.getTime(),
          finWait1: connections.finWait1.count,
          established: connections.established.count,
          total: connections.total,
          sendQueueBytes: connections.finWait1.sendQueueBytes,
        },
      });
    }
  }
  const daemon = daemonPart(sample.daemon, daemonName);
  const snapshot = assembleSnapshot({
    now,
    intervalSeconds: sample.intervalSeconds,
    daemonName,
    peersLabel: describeWatchedPeers(state.watched),
    host: daemon.host,
    daemon: daemon.info,
    connections,
    logs: sample.logs.summary,
    spike,
    source: { sockets, logs: sample.logs.source, daemon: daemon.source },
    warnings: sample.warnings,
    ...(sample.pushClientsRead ? { pushClientsRead: sample.pushClientsRead } : {}),
  });
  return { snapshot, events };
}

/** Fresh log lines between samples: chart markers, and at most one trust-failure notification. */
export function analyseLogEvents(
  fresh: readonly LogEvent[],
  now: Date,
  notifications: NotifierSettings,
  state: PipelineState,
): PipelineEvent[] {
  const events: PipelineEvent[] = fresh.map((event) => ({
    kind: 'history-marker',
    marker: { t: Date.parse(event.time), kind: event.kind, count: 1 },
  }));
  const notification = state.notifier.logEvents(fresh, now, notifications);
  if (notification) events.push({ kind: 'notification', notification });
  return events;
}

function socketPart(input: SocketInput): SourceInfo['sockets'] {
  if (input.kind === 'skipped')
    return {
      ...skippedPart(input.why),
      rowsRead: 0,
      rowsAttributed: 0,
      at: null,
      durationMs: null,
    };
  if (input.kind === 'capture' || input.kind === 'capture-tally')
    return {
      status: 'ok',
      from: input.from,
      rowsRead: input.kind === 'capture' ? input.rows.length : input.tally.rowsRead,
      rowsAttributed: 0,
      detail: null,
      at: null,
      durationMs: null,
    };
  const { sample } = input;
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

function daemonPart(
  input: DaemonInput,
  name: string,
): { host: HostInfo; info: DaemonInfo; source: SourceInfo['daemon'] } {
  if (input.kind === 'skipped')
    return { host: hostOfThisProcess(), info: unknownDaemon(name), source: skippedPart(input.why) };
  const { check } = input;
  if (!check)
    return {
      host: hostOfThisProcess(),
      info: unknownDaemon(name),
      source: { status: 'starting', from: 'ps', detail: null },
    };
  return {
    host: check.host,
    info: check.daemon,
    source: { status: check.status, from: check.from, detail: check.detail },
  };
}

/** The daemon's pid, as this machine's process list named it, for rows that carry no name. */
function ownersFrom(input: DaemonInput): KnownOwners | undefined {
  const daemon = input.kind === 'checked' ? input.check?.daemon : undefined;
  return daemon?.running && daemon.pid !== null ? new Map([[daemon.pid, daemon.name]]) : undefined;
}
