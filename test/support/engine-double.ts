/**
 * TEST DOUBLE, used only by the server tests: an Engine that returns a fixed snapshot and emits
 * what a test tells it to. The server tests check the server's gatekeeping, not the engine.
 */
import { EventEmitter } from 'node:events';
import type { Engine, EngineEvents } from '../../src/core/engine-api';
import type { ReportRequest } from '../../src/shared/ipc-contract';
import type { ProbeRequest, ProbeResult } from '../../src/shared/probe';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  type Settings,
  type SettingsPatch,
} from '../../src/shared/settings';
import type { AppNotification, History, HistoryRange, Snapshot } from '../../src/shared/snapshot';
import { makeSnapshot } from './snapshot-fixture';

export class EngineDouble extends EventEmitter<EngineEvents> implements Engine {
  private current: Settings = DEFAULT_SETTINGS;
  /** Every call that reached the engine, as `channel-like name + args`, for assertions. */
  readonly calls: string[] = [];

  constructor(readonly snapshot: Snapshot = makeSnapshot()) {
    super();
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async sampleNow(): Promise<Snapshot> {
    return this.snapshot;
  }
  async refreshPushClients(): Promise<Snapshot> {
    this.calls.push('refreshPushClients');
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
