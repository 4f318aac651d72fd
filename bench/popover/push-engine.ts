/**
 * STAND-IN for the engine behind the dashboard server in the popover benchmark: it holds the
 * latest snapshot and pushes the ones the benchmark hands it, so the time measured is the
 * server's, the browser's and the renderer's, never a sample's. Requests the popover does not
 * need for painting snapshots fail with a one-line error.
 */
import { EventEmitter } from 'node:events';
import type { Engine, EngineEvents } from '../../src/core/engine-api';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
import type { History, HistoryRange, Snapshot } from '../../src/shared/snapshot';

const NOT_HERE = 'not available in the popover benchmark';

export class PushEngine extends EventEmitter<EngineEvents> implements Engine {
  private current: Snapshot | null = null;

  /** Makes `snapshot` the latest and pushes it, as the real engine does after a sample. */
  push(snapshot: Snapshot): void {
    this.current = snapshot;
    this.emit('snapshot', snapshot);
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async sampleNow(): Promise<Snapshot> {
    if (!this.current) throw new Error('no snapshot pushed yet');
    return this.current;
  }
  refreshPushClients(): Promise<Snapshot> {
    return this.sampleNow();
  }
  latest(): Snapshot | null {
    return this.current;
  }
  history(range: HistoryRange): History {
    return { range, points: [], markers: [] };
  }
  settings(): Settings {
    return DEFAULT_SETTINGS;
  }
  async updateSettings(): Promise<Settings> {
    throw new Error(`settings are ${NOT_HERE}`);
  }
  async probe(): Promise<never> {
    throw new Error(`the certificate probe is ${NOT_HERE}`);
  }
  async report(): Promise<string> {
    throw new Error(`reports are ${NOT_HERE}`);
  }
  suspended(): void {}
  resumed(): void {}
}
