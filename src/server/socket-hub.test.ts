import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerFrame } from '../shared/dashboard-protocol';
import { PUSHED_ROWS } from '../shared/connection-query';
import { makeConnections, makeSnapshot } from '../../test/support/snapshot-fixture';
import {
  MAX_IN_FLIGHT,
  MAX_MALFORMED_FRAMES,
  MAX_QUEUED,
  MAX_REQUEST_BYTES,
} from './dashboard-limits';
import { busyMessage } from './socket-hub';
import { startTestDashboard, type TestDashboard } from '../../test/support/dashboard-fixture';

let dash: TestDashboard;
beforeAll(async () => {
  dash = await startTestDashboard();
});
afterAll(() => dash.close());

/** A client that queues every frame it receives, so a test can await them in order. */
class TestClient {
  readonly frames: ServerFrame[] = [];
  private waiters: (() => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as ServerFrame);
      this.waiters.splice(0).forEach((wake) => wake());
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
  }
  async next(): Promise<ServerFrame> {
    while (this.frames.length === 0) await new Promise<void>((wake) => this.waiters.push(wake));
    return this.frames.shift()!;
  }
  async request(id: number, channel: string, args: unknown[]): Promise<ServerFrame> {
    this.socket.send(JSON.stringify({ type: 'request', id, channel, args }));
    return this.next();
  }
}

function open(headers: Record<string, string>, path = '/ws'): Promise<TestClient | number> {
  const socket = new WebSocket(`ws://127.0.0.1:${dash.server.port}${path}`, { headers });
  return new Promise((resolve, reject) => {
    const client = new TestClient(socket);
    socket.once('open', () => resolve(client));
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

async function signedIn(): Promise<TestClient> {
  const client = await open({ Cookie: dash.cookie, Origin: dash.origin });
  if (typeof client === 'number') throw new Error(`upgrade refused with ${client}`);
  return client;
}

describe('dashboard socket: upgrade', () => {
  it('refuses a foreign Origin, a missing Origin, a foreign Host and a missing cookie', async () => {
    expect(await open({ Cookie: dash.cookie, Origin: 'http://evil.example' })).toBe(403);
    expect(await open({ Cookie: dash.cookie, Origin: 'null' })).toBe(403);
    expect(await open({ Cookie: dash.cookie })).toBe(403);
    const rebound = { Cookie: dash.cookie, Origin: dash.origin, Host: 'evil.example' };
    expect(await open(rebound)).toBe(421);
    expect(await open({ Origin: dash.origin })).toBe(401);
    expect(await open({ Origin: dash.origin }, `/ws?token=wrong`)).toBe(401);
    expect(await open({ Cookie: dash.cookie, Origin: dash.origin }, '/other')).toBe(404);
  });

  it('accepts the cookie or the token query from the same origin', async () => {
    const byCookie = await signedIn();
    const byQuery = await open(
      { Origin: `http://localhost:${dash.server.port}` },
      `/ws?token=${dash.token}`,
    );
    expect(byQuery).toBeInstanceOf(TestClient);
    byCookie.socket.close();
    (byQuery as TestClient).socket.close();
  });
});

describe('dashboard socket: requests', () => {
  it('answers each request through the engine, one response per id', async () => {
    const client = await signedIn();
    expect(await client.request(1, 'snapshot:get', [])).toEqual({
      type: 'response',
      id: 1,
      ok: true,
      result: makeSnapshot(),
    });
    const history = await client.request(2, 'history:get', ['24h']);
    expect(history).toMatchObject({ id: 2, ok: true, result: { range: '24h' } });
    const saved = await client.request(3, 'settings:set', [{ spike: { minCount: 7 } }]);
    expect(saved).toMatchObject({
      id: 3,
      ok: true,
      result: { spike: { minCount: 7, sensitivity: 'normal' } },
    });
    expect(await client.request(4, 'settings:get', [])).toMatchObject({
      result: { spike: { minCount: 7 } },
    });
    expect(
      await client.request(5, 'report:get', [{ format: 'json', keepPrivate: false }]),
    ).toMatchObject({ ok: true, result: 'report json' });
    expect(dash.engine.calls).toEqual(
      expect.arrayContaining(['latest', 'history 24h', 'updateSettings {"spike":{"minCount":7}}']),
    );
    client.socket.close();
  });

  it('turns engine failures and link:open into one-line errors', async () => {
    const client = await signedIn();
    expect(await client.request(6, 'probe:run', [{ host: 'example.com' }])).toEqual({
      type: 'response',
      id: 6,
      ok: false,
      error: 'probe:run: probe of example.com failed: unreachable',
    });
    const link = await client.request(7, 'link:open', ['https://support.apple.com/en-us/102266']);
    expect(link).toMatchObject({
      id: 7,
      ok: false,
      error: expect.stringMatching(/^link:open: not available in the browser dashboard/),
    });
    client.socket.close();
  });

  it('answers a request with bad args with an error and never calls the engine', async () => {
    const client = await signedIn();
    const before = dash.engine.calls.length;
    const range = await client.request(8, 'history:get', ['1y']);
    expect(range).toMatchObject({
      id: 8,
      ok: false,
      error: expect.stringMatching(/^history:get: invalid argument at 0/),
    });
    const patch = await client.request(9, 'settings:set', [{ intervalSeconds: 0 }]);
    expect(patch).toMatchObject({
      id: 9,
      ok: false,
      error: expect.stringMatching(/^settings:set: invalid argument at 0\.intervalSeconds/),
    });
    const extra = await client.request(10, 'snapshot:get', ['extra']);
    expect(extra).toMatchObject({ id: 10, ok: false });
    expect(dash.engine.calls.length).toBe(before);
    client.socket.close();
  });

  it('answers bad JSON, unknown types and unknown channels with errors', async () => {
    const client = await signedIn();
    client.socket.send('{not json');
    expect(await client.next()).toEqual({
      type: 'response',
      id: -1,
      ok: false,
      error: 'bad frame: not JSON',
    });
    client.socket.send(JSON.stringify({ type: 'subscribe', id: 11 }));
    expect(await client.next()).toMatchObject({
      id: 11,
      ok: false,
      error: "bad frame: unknown type 'subscribe'",
    });
    expect(await client.request(12, '__proto__', [])).toMatchObject({
      id: 12,
      ok: false,
      error: '__proto__: unknown channel',
    });
    expect(await client.request(13, 'snapshot:get', [])).toMatchObject({ id: 13, ok: true });
    client.socket.close();
  });

  it(`closes a connection after ${MAX_MALFORMED_FRAMES} malformed frames`, async () => {
    const client = await signedIn();
    for (let i = 0; i < MAX_MALFORMED_FRAMES; i += 1) client.socket.send('[]');
    expect(await client.closed).toEqual({ code: 1008, reason: 'too many malformed frames' });
    expect(client.frames).toHaveLength(MAX_MALFORMED_FRAMES);
  });

  it('queues a burst of 40 well-formed requests and answers every one, the socket left open', async () => {
    const client = await signedIn();
    let release!: () => void;
    dash.engine.reportGate = new Promise<void>((resolve) => (release = resolve));
    const report = { format: 'markdown', keepPrivate: false };
    const ids = Array.from({ length: 40 }, (_, i) => 300 + i);
    for (const id of ids)
      client.socket.send(
        JSON.stringify({ type: 'request', id, channel: 'report:get', args: [report] }),
      );
    // The hub answers a malformed frame on arrival and reads frames in order, so this answer
    // coming first shows the 40 before it were all taken in (16 running, 24 waiting), none refused.
    client.socket.send('[]');
    expect(await client.next()).toEqual({
      type: 'response',
      id: -1,
      ok: false,
      error: 'bad frame: not an object',
    });
    expect(client.frames).toEqual([]);
    release();
    dash.engine.reportGate = null;
    const answered = await Promise.all(ids.map(() => client.next()));
    expect(answered.filter((frame) => frame.type === 'response' && frame.ok)).toHaveLength(40);
    expect(answered.map((frame) => (frame as { id: number }).id).sort()).toEqual(ids);
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    client.socket.close();
  });

  it(`answers "busy" past ${MAX_IN_FLIGHT} running and ${MAX_QUEUED} waiting, never as malformed`, async () => {
    const client = await signedIn();
    let release!: () => void;
    dash.engine.reportGate = new Promise<void>((resolve) => (release = resolve));
    const report = { format: 'markdown', keepPrivate: false };
    const accepted = MAX_IN_FLIGHT + MAX_QUEUED;
    // More busy answers than the malformed limit: none of them may count toward a close.
    const over = MAX_MALFORMED_FRAMES + 5;
    for (let i = 0; i < accepted + over; i += 1)
      client.socket.send(
        JSON.stringify({ type: 'request', id: 1000 + i, channel: 'report:get', args: [report] }),
      );
    const busy = await Promise.all(Array.from({ length: over }, () => client.next()));
    expect(busy).toEqual(
      Array.from({ length: over }, (_, i) => ({
        type: 'response',
        id: 1000 + accepted + i,
        ok: false,
        error: busyMessage(),
      })),
    );
    release();
    dash.engine.reportGate = null;
    const answered = await Promise.all(Array.from({ length: accepted }, () => client.next()));
    expect(answered.every((frame) => frame.type === 'response' && frame.ok)).toBe(true);
    expect(await client.request(2000, 'report:get', [report])).toMatchObject({
      id: 2000,
      ok: true,
    });
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    client.socket.close();
  });

  it('answers a page of connection rows and refuses a page too large', async () => {
    const client = await signedIn();
    const sort = { key: 'age', descending: true };
    const page = await client.request(20, 'connections:page', [
      { state: 'FIN_WAIT_1', sort, offset: 0, limit: 1 },
    ]);
    const calm = makeSnapshot();
    const oldestFinWait1 = calm.connections.items
      .filter((item) => item.state === 'FIN_WAIT_1')
      .sort((a, b) => b.ageSeconds - a.ageSeconds)[0];
    expect(page).toEqual({
      type: 'response',
      id: 20,
      ok: true,
      result: {
        takenAt: calm.takenAt,
        total: calm.connections.byState.FIN_WAIT_1,
        offset: 0,
        items: [oldestFinWait1],
      },
    });
    const refused = await client.request(21, 'connections:page', [
      { state: 'all', sort, offset: 0, limit: 501 },
    ]);
    expect(refused).toMatchObject({ id: 21, ok: false });
    client.socket.close();
  });

  it('closes a connection that sends an oversized frame', async () => {
    const client = await signedIn();
    client.socket.send('x'.repeat(MAX_REQUEST_BYTES + 1));
    expect((await client.closed).code).toBe(1009);
  });
});

describe('dashboard socket: pushes', () => {
  it('pushes snapshots and notifications to every connected client', async () => {
    const first = await signedIn();
    const second = await signedIn();
    const spiking = makeSnapshot({ takenAt: '2025-01-01T00:01:00.000Z' });
    dash.engine.emitSnapshot(spiking);
    const note = {
      id: 'n1',
      kind: 'spike' as const,
      at: spiking.takenAt,
      title: 'Spike',
      body: '60 sockets',
    };
    dash.engine.emitNotification(note);
    for (const client of [first, second]) {
      expect(await client.next()).toEqual({ type: 'push', channel: 'snapshot', payload: spiking });
      expect(await client.next()).toEqual({ type: 'push', channel: 'notification', payload: note });
    }
    first.socket.close();
    second.socket.close();
  });

  it('pushes a big snapshot with its most urgent rows and every count', async () => {
    const client = await signedIn();
    const big = makeSnapshot({
      takenAt: '2025-01-01T00:02:00.000Z',
      connections: { items: makeConnections(10_000, '2025-01-01T00:02:00.000Z') },
    });
    dash.engine.emitSnapshot(big);
    const frame = await client.next();
    expect(frame).toMatchObject({ type: 'push', channel: 'snapshot' });
    const pushed = (frame as { payload: typeof big }).payload;
    expect(pushed.connections.items).toEqual(big.connections.items.slice(0, PUSHED_ROWS));
    expect(pushed.connections.total).toBe(10_000);
    expect(pushed.connections.byState).toEqual(big.connections.byState);
    client.socket.close();
  });

  it('closes clients on close() and stops listening to the engine', async () => {
    const other = await startTestDashboard();
    const client = await new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${other.server.port}/ws`, {
        headers: { Cookie: other.cookie, Origin: other.origin },
      });
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
    const closed = new Promise<number>((resolve) => client.on('close', resolve));
    await other.close();
    expect(await closed).toBe(1001);
    expect(other.engine.listenerCount('snapshot')).toBe(0);
    expect(other.engine.listenerCount('notification')).toBe(0);
    const refused = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: other.server.port });
      socket.once('connect', () => resolve('connected'));
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});
