/**
 * TEST DOUBLE, used only by this folder's tests: an Engine that returns a fixed snapshot and emits
 * what a test tells it to. The server tests check the server's gatekeeping, not the engine.
 */
import { EventEmitter } from 'node:events';
import type { Engine, EngineEvents } from '../core/engine-api';
import type { ReportRequest } from '../shared/ipc-contract';
import type { ProbeRequest, ProbeResult } from '../shared/probe';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  type Settings,
  type SettingsPatch,
} from '../shared/settings';
import type { AppNotification, History, HistoryRange, Snapshot } from '../shared/snapshot';

export class EngineDouble extends EventEmitter<EngineEvents> implements Engine {
  private current: Settings = DEFAULT_SETTINGS;
  /** Every call that reached the engine, as `channel-like name + args`, for assertions. */
  readonly calls: string[] = [];

  constructor(readonly snapshot: Snapshot = calmSnapshot()) {
    super();
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async sampleNow(): Promise<Snapshot> {
    return this.snapshot;
  }
  latest(): Snapshot | null {
    this.calls.push('latest');
    return this.snapshot;
  }
  history(range: HistoryRange): History {
    this.calls.push(`history ${range}`);
    return {
      range,
      points: [{ t: 1, finWait1: 3, established: 1, total: 4, sendQueueBytes: 9 }],
      markers: [],
    };
  }
  settings(): Settings {
    return this.current;
  }
  async updateSettings(patch: SettingsPatch): Promise<Settings> {
    this.calls.push(`updateSettings ${JSON.stringify(patch)}`);
    this.current = applySettingsPatch(this.current, patch);
    return this.current;
  }
  async probe(request: ProbeRequest): Promise<ProbeResult> {
    throw new Error(`probe of ${request.host ?? 'default host'} failed: unreachable\nsecond line`);
  }
  /** While set, report() waits for it: lets a test keep requests running. */
  reportGate: Promise<void> | null = null;
  async report(request: ReportRequest): Promise<string> {
    await this.reportGate;
    return `report ${request.format}`;
  }
  suspended(): void {}
  resumed(): void {}
  /** Pushes as the real engine would after a sample or an alert. */
  emitSnapshot(snapshot: Snapshot = this.snapshot): void {
    this.emit('snapshot', snapshot);
  }
  emitNotification(notification: AppNotification): void {
    this.emit('notification', notification);
  }
}

/** A minimal, internally consistent snapshot: three FIN_WAIT_1 sockets and one push link. */
export function calmSnapshot(): Snapshot {
  const at = '2025-01-01T00:00:00.000Z';
  const none = {
    count: 0,
    medianIntervalSeconds: null,
    regularity: null,
    firstSeen: null,
    lastSeen: null,
  };
  return {
    schemaVersion: 1,
    takenAt: at,
    intervalSeconds: 10,
    host: { platform: 'linux', osName: null, osVersion: null },
    daemon: {
      name: 'apsd',
      running: false,
      pid: null,
      cpuPercent: null,
      memoryBytes: null,
      startedAt: null,
      restartedAt: null,
    },
    connections: {
      observedSeconds: 600,
      total: 4,
      byState: { FIN_WAIT_1: 3, ESTABLISHED: 1 },
      finWait1: { count: 3, sendQueueBytes: 9, oldestAgeSeconds: 20 },
      established: { count: 1, longest: { peer: '17.57.144.10:5223', ageSeconds: 600 } },
      newPerHour: null,
      items: [],
    },
    logs: {
      byKind: { 'leaf-certificate': 0, 'trust-failure': 0, connection: 0, other: 0 },
      periodicity: {
        'leaf-certificate': none,
        'trust-failure': none,
        connection: none,
        other: none,
      },
      first: null,
      last: null,
      recent: [],
    },
    spike: {
      active: false,
      since: null,
      baseline: 3,
      threshold: 50,
      baselineSamples: 60,
      mutedUntil: null,
      cooldownUntil: null,
      quietReason: null,
    },
    verdict: { level: 'ok', headline: 'Push connection looks normal.', reasons: [] },
    source: {
      sockets: {
        status: 'ok',
        from: 'test double',
        rowsRead: 4,
        rowsAttributed: 4,
        detail: null,
        at,
        durationMs: 1,
      },
      logs: { status: 'unavailable', from: 'none', linesRead: 0, detail: null },
      daemon: { status: 'unavailable', from: 'none', detail: null },
    },
    warnings: [],
  };
}
