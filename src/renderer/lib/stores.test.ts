import { afterEach, describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot-fixture';
import { createSocketClient } from '../client/socket-client';
import {
  nodeSocket,
  startTestSocketServer,
  waitForState,
  waitForStore,
} from '../../../test/support/dashboard-socket-server';
import { createNotificationStore } from './notification-store';
import { createSnapshotStore } from './snapshot-store';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const older = makeSnapshot({ takenAt: '2026-03-12T14:00:00.000Z' });
const newer = makeSnapshot({ takenAt: '2026-03-12T14:00:10.000Z' });

async function setUp(answer: Parameters<typeof startTestSocketServer>[0]) {
  const server = await startTestSocketServer(answer);
  cleanups.push(server.close);
  const client = createSocketClient({
    url: server.url,
    createSocket: nodeSocket,
    backoff: { initialMs: 20, maxMs: 40, jitter: 0 },
  });
  cleanups.push(client.close);
  return { server, client };
}

describe('createSnapshotStore', () => {
  it('starts from snapshot:get, then follows pushes, never going back in time', async () => {
    let replyWith = older;
    const { server, client } = await setUp((r) =>
      r.channel === 'snapshot:get' ? replyWith : undefined,
    );
    const store = createSnapshotStore(client);
    cleanups.push(store.dispose);
    await waitForStore(store, (s) => s.snapshot?.takenAt === older.takenAt);
    const fetches = () => server.received.filter((r) => r.channel === 'snapshot:get').length;
    server.push({ type: 'push', channel: 'snapshot', payload: newer });
    await waitForStore(store, (s) => s.snapshot?.takenAt === newer.takenAt);
    // The first connection is covered by the fetch made at creation: no second fetch for it.
    expect(fetches()).toBe(1);
    server.push({ type: 'push', channel: 'snapshot', payload: older });
    replyWith = makeSnapshot({ takenAt: '2026-03-12T14:00:20.000Z' });
    // A reconnect refetches; the stale push before it must not have won meanwhile.
    server.dropClients();
    await waitForState(client, 'disconnected');
    expect(store.getState().snapshot?.takenAt).toBe(newer.takenAt);
    await waitForStore(store, (s) => s.snapshot?.takenAt === replyWith.takenAt);
    expect(fetches()).toBe(2);
  });

  it('keeps a one-line error when the first fetch fails', async () => {
    const { server, client } = await setUp(() => undefined);
    server.server.on('connection', (socket) =>
      socket.on('message', (raw) => {
        const { id } = JSON.parse(String(raw)) as { id: number };
        socket.send(
          JSON.stringify({ type: 'response', id, ok: false, error: 'engine not started' }),
        );
      }),
    );
    const store = createSnapshotStore(client);
    cleanups.push(store.dispose);
    const state = await waitForStore(store, (s) => s.error !== null);
    expect(state).toEqual({ snapshot: null, error: 'engine not started' });
  });
});

describe('createNotificationStore', () => {
  it('keeps pushes newest first, drops repeats by id, and remembers dismissals', async () => {
    const { server, client } = await setUp(() => undefined);
    const store = createNotificationStore(client, 2);
    cleanups.push(store.dispose);
    await waitForState(client, 'connected');
    const note = (id: string) => ({
      type: 'push',
      channel: 'notification',
      payload: { id, kind: 'spike', at: '2026-03-12T14:00:00.000Z', title: id, body: '' },
    });
    for (const id of ['a', 'b', 'b', 'c']) server.push(note(id));
    const state = await waitForStore(store, (s) => s.received[0]?.id === 'c');
    expect(state.received.map((n) => n.id)).toEqual(['c', 'b']);
    store.dismiss('c');
    expect([...store.getState().dismissed]).toEqual(['c']);
    expect(store.getState().received).toHaveLength(2);
  });
});
