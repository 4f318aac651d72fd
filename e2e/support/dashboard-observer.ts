/**
 * A second, non-browser client of the dashboard socket (token in the URL, same origin): it
 * records every push, so a test can count notifications exactly and wait for fresh samples.
 */
import WebSocket from 'ws';
import type { PushFrame, ServerFrame } from '../../src/shared/dashboard-protocol';
import type { RequestChannel } from '../../src/shared/ipc-contract';
import type { AppNotification, Snapshot } from '../../src/shared/snapshot';

export class DashboardObserver {
  readonly snapshots: Snapshot[] = [];
  readonly notifications: AppNotification[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, (frame: ServerFrame) => void>();
  private waiters: (() => void)[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame;
      if (frame.type === 'response') this.pending.get(frame.id)?.(frame);
      else this.record(frame);
      this.waiters.splice(0).forEach((wake) => wake());
    });
  }

  static open(port: number, token: string): Promise<DashboardObserver> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, {
      origin: `http://127.0.0.1:${port}`,
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new DashboardObserver(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends one request frame and resolves with its result, or rejects with the server's error. */
  invoke(channel: RequestChannel, ...args: unknown[]): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (frame) => {
        this.pending.delete(id);
        if (frame.type !== 'response') return;
        if (frame.ok) resolve(frame.result);
        else reject(new Error(frame.error));
      });
      this.socket.send(JSON.stringify({ type: 'request', id, channel, args }));
    });
  }

  /** Resolves with the first snapshot pushed from now on that satisfies `test`. */
  async waitForSnapshot(
    test: (snapshot: Snapshot) => boolean,
    timeoutMs = 30_000,
  ): Promise<Snapshot> {
    const from = this.snapshots.length;
    const found = () => this.snapshots.slice(from).find(test);
    await this.waitFor(() => found() !== undefined, timeoutMs, 'matching snapshot');
    return found()!;
  }

  /** Resolves with the next `count` snapshots pushed from now on (each one a fresh sample). */
  async nextSnapshots(count: number, timeoutMs = 30_000): Promise<Snapshot[]> {
    const from = this.snapshots.length;
    const enough = () => this.snapshots.length >= from + count;
    await this.waitFor(enough, timeoutMs, `${count} more snapshots`);
    return this.snapshots.slice(from, from + count);
  }

  close(): void {
    this.socket.close();
  }

  /** Waits for pushes until `done` holds; the timeout only turns a hang into a clear failure. */
  private async waitFor(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) {
        const last = this.snapshots.at(-1);
        throw new Error(
          `no ${what} within ${timeoutMs} ms; last snapshot: FIN_WAIT_1 ${last?.connections.finWait1.count}, spike ${JSON.stringify(last?.spike)}`,
        );
      }
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 1000);
      });
    }
  }

  private record(frame: PushFrame): void {
    if (frame.channel === 'snapshot') this.snapshots.push(frame.payload as Snapshot);
    else this.notifications.push(frame.payload as AppNotification);
  }
}
