/**
 * Test support only (imported by *.test.ts, never by the app): a real loopback WebSocket server
 * speaking the dashboard frames, answering requests with a handler and pushing on demand.
 */
import { WebSocket, WebSocketServer } from 'ws';
import type { AppClient } from '../../src/renderer/client/app-client';

export interface ReceivedRequest {
  id: number;
  channel: string;
  args: unknown[];
}

/** `answer` returns the result, or undefined to leave the request unanswered. */
export async function startTestSocketServer(
  answer: (request: ReceivedRequest) => unknown = () => undefined,
) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const received: ReceivedRequest[] = [];
  server.on('connection', (socket) => {
    socket.on('message', (raw) => {
      const request = JSON.parse(String(raw)) as ReceivedRequest;
      received.push(request);
      const result = answer(request);
      if (result === undefined) return;
      socket.send(JSON.stringify({ type: 'response', id: request.id, ok: true, result }));
    });
  });
  const { port } = server.address() as { port: number };
  return {
    server,
    received,
    url: `ws://127.0.0.1:${port}/ws`,
    push(frame: unknown) {
      const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
      for (const client of server.clients) client.send(text);
    },
    dropClients() {
      for (const client of server.clients) client.terminate();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Node's `ws` client in place of the browser's WebSocket (same event interface). */
export const nodeSocket = (url: string) => new WebSocket(url);

export function waitForState(client: AppClient, state: string): Promise<void> {
  return new Promise((resolve) => {
    if (client.status().state === state) return resolve();
    const off = client.onStatus(() => {
      if (client.status().state !== state) return;
      off();
      resolve();
    });
  });
}

/** Resolves once `predicate` holds for a store's state. */
export function waitForStore<S>(
  store: { getState(): S; subscribe(listener: () => void): () => void },
  predicate: (state: S) => boolean,
): Promise<S> {
  return new Promise((resolve) => {
    if (predicate(store.getState())) return resolve(store.getState());
    const off = store.subscribe(() => {
      if (!predicate(store.getState())) return;
      off();
      resolve(store.getState());
    });
  });
}
