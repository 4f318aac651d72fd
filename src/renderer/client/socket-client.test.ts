import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';

const closeOf = (socket: WebSocket) => new Promise((resolve) => socket.once('close', resolve));
import type { AppNotification } from '../../shared/snapshot';
import { createSocketClient } from './socket-client';
import {
  nodeSocket,
  startTestSocketServer as startServer,
  waitForState,
} from '../../../test/support/dashboard-socket-server';

const fastBackoff = { initialMs: 20, maxMs: 40, jitter: 0 };
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track<T extends { close: () => unknown }>(value: T): T {
  cleanups.push(() => value.close());
  return value;
}

describe('createSocketClient over a real WebSocket', () => {
  it('matches responses to requests by id, even when answered out of order', async () => {
    const held: { id: number; channel: string }[] = [];
    const server = track(
      await startServer((frame) => {
        held.push(frame);
        if (held.length < 2) return undefined;
        for (const request of [...held].reverse()) {
          server.push({ type: 'response', id: request.id, ok: true, result: request.channel });
        }
        return undefined;
      }),
    );
    const client = track(createSocketClient({ url: server.url, createSocket: nodeSocket }));
    const [settings, snapshot] = await Promise.all([
      client.invoke('settings:get'),
      client.invoke('snapshot:get'),
    ]);
    expect(settings).toBe('settings:get');
    expect(snapshot).toBe('snapshot:get');
  });

  it('sends requests made before the socket opened, with their arguments', async () => {
    const server = track(await startServer((frame) => ({ echoed: frame.args })));
    const client = track(createSocketClient({ url: server.url, createSocket: nodeSocket }));
    expect(client.status().state).toBe('connecting');
    const history = await client.invoke('history:get', '24h');
    expect(history).toEqual({ echoed: ['24h'] });
    expect(server.received).toEqual([
      { type: 'request', id: 1, channel: 'history:get', args: ['24h'] },
    ]);
  });

  it('rejects with the first line of the server error message', async () => {
    const server = track(await startServer(() => undefined));
    server.server.on('connection', (socket) =>
      socket.on('message', (raw) => {
        const { id } = JSON.parse(String(raw)) as { id: number };
        socket.send(
          JSON.stringify({ type: 'response', id, ok: false, error: 'settings:set: bad\nstack' }),
        );
      }),
    );
    const client = track(createSocketClient({ url: server.url, createSocket: nodeSocket }));
    await expect(client.invoke('settings:set', { intervalSeconds: 1 })).rejects.toThrow(
      /^settings:set: bad$/,
    );
  });

  it('delivers pushes to listeners until they unsubscribe, and survives garbage frames', async () => {
    const server = track(await startServer());
    const client = track(createSocketClient({ url: server.url, createSocket: nodeSocket }));
    await waitForState(client, 'connected');
    const seen: string[] = [];
    const off = client.on('notification', (n) => seen.push(n.id));
    const first: AppNotification = { id: 'n1', kind: 'spike', at: '', title: 't', body: 'b' };
    const delivered = new Promise<void>((resolve) => {
      const offProbe = client.on('notification', (n) => {
        if (n.id !== 'n2') return;
        offProbe();
        resolve();
      });
    });
    server.push('not json at all');
    server.push({ type: 'push', channel: 'nonsense', payload: {} });
    server.push({ type: 'push', channel: 'notification', payload: first });
    server.push({ type: 'push', channel: 'notification', payload: { ...first, id: 'n2' } });
    await delivered;
    off();
    expect(seen).toEqual(['n1', 'n2']);
  });

  it('shows the drop, fails requests in flight, reconnects and sends what was queued', async () => {
    let answering = false;
    let arrived!: () => void;
    const reachedServer = new Promise<void>((resolve) => (arrived = resolve));
    const server = track(
      await startServer(() => {
        if (answering) return 'ok';
        arrived();
        return undefined;
      }),
    );
    const client = track(
      createSocketClient({ url: server.url, createSocket: nodeSocket, backoff: fastBackoff }),
    );
    await waitForState(client, 'connected');
    const inFlight = client.invoke('snapshot:get');
    await reachedServer;
    const dropped = waitForState(client, 'disconnected');
    server.dropClients();
    await expect(inFlight).rejects.toThrow(/closed before it answered/);
    await dropped;
    expect(client.status().detail).toBe('the connection was lost');
    expect(client.status().retryAt).not.toBeNull();
    answering = true;
    const queued = client.invoke('settings:get');
    await waitForState(client, 'connected');
    await expect(queued).resolves.toBe('ok');
    expect(client.status()).toMatchObject({ detail: null, everConnected: true });
  });

  it('says it could not connect when nothing listens, and times requests out', async () => {
    const server = await startServer();
    const url = server.url;
    await server.close();
    const client = track(
      createSocketClient({
        url,
        createSocket: nodeSocket,
        backoff: fastBackoff,
        requestTimeoutMs: 150,
      }),
    );
    await waitForState(client, 'disconnected');
    expect(client.status()).toMatchObject({ everConnected: false, detail: 'could not connect' });
    await expect(client.invoke('snapshot:get')).rejects.toThrow(
      /snapshot:get: no answer from apsd-watch within 0 s/,
    );
  });

  it('rejects everything pending on close and stops reconnecting', async () => {
    const server = track(await startServer(() => undefined));
    const opened: WebSocket[] = [];
    const client = createSocketClient({
      url: server.url,
      createSocket: (url) => {
        opened.push(nodeSocket(url));
        return opened.at(-1)!;
      },
      backoff: fastBackoff,
    });
    await waitForState(client, 'connected');
    const [serverSide] = server.server.clients;
    const bothClosed = Promise.all([closeOf(opened[0]!), closeOf(serverSide!)]);
    const pending = client.invoke('probe:run', {});
    client.close();
    await expect(pending).rejects.toThrow(/closed/);
    await expect(client.invoke('snapshot:get')).rejects.toThrow(/the client is closed/);
    // The close event is where a reconnect would be scheduled (retryAt set); none is.
    await bothClosed;
    expect(client.status()).toMatchObject({
      state: 'disconnected',
      retryAt: null,
      detail: 'closed',
    });
    expect(opened).toHaveLength(1);
    expect(server.server.clients.size).toBe(0);
  });
});
