/**
 * The dashboard's WebSocket side: answers request frames through the engine, one response each,
 * and pushes snapshots (cut by viewSnapshot; rows are fetched by page) and notifications to every
 * connected (already authenticated) client.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { Engine } from '../core/engine-api';
import type { PushChannel, PushChannels, RequestHandlers } from '../shared/ipc-contract';
import type { PushFrame, ResponseFrame } from '../shared/dashboard-protocol';
import { viewSnapshot } from '../shared/connection-query';
import {
  errorResponse,
  parseRequestFrame,
  dashboardRequestHandlers,
  runRequest,
  UNKNOWN_REQUEST_ID,
  type ValidRequest,
} from './request-dispatch';
import {
  MAX_BUFFERED_BYTES,
  MAX_IN_FLIGHT,
  MAX_MALFORMED_FRAMES,
  MAX_QUEUED,
  MAX_REQUEST_BYTES,
} from './dashboard-limits';

const POLICY_VIOLATION = 1008;
const GOING_AWAY = 1001;

export interface SocketHub {
  /** Completes an upgrade the caller has already authorised. */
  accept(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  clientCount(): number;
  /** Closes every client and stops listening to the engine. */
  close(): Promise<void>;
}

export function createSocketHub(engine: Engine): SocketHub {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_REQUEST_BYTES,
    perMessageDeflate: false,
  });

  function broadcast<P extends PushChannel>(channel: P, payload: PushChannels[P]): void {
    const frame: PushFrame<P> = { type: 'push', channel, payload };
    const text = JSON.stringify(frame);
    for (const client of wss.clients) {
      if (client.readyState !== WebSocket.OPEN) continue;
      if (client.bufferedAmount > MAX_BUFFERED_BYTES) client.terminate();
      else client.send(text);
    }
  }
  const onSnapshot = (snapshot: PushChannels['snapshot']): void =>
    broadcast('snapshot', viewSnapshot(snapshot));
  const onNotification = (note: PushChannels['notification']): void =>
    broadcast('notification', note);
  engine.on('snapshot', onSnapshot);
  engine.on('notification', onNotification);

  const handlers = dashboardRequestHandlers(engine);
  wss.on('connection', (client: WebSocket) => {
    serveClient(handlers, client);
    // A dashboard opening is the popover opening: read apsd's client list again (rate-limited).
    void engine.refreshPushClients().catch(() => undefined);
  });

  return {
    accept(request, socket, head) {
      wss.handleUpgrade(request, socket, head, (client) => wss.emit('connection', client, request));
    },
    clientCount: () => wss.clients.size,
    close() {
      engine.off('snapshot', onSnapshot);
      engine.off('notification', onNotification);
      for (const client of wss.clients) client.close(GOING_AWAY, 'dashboard stopping');
      return new Promise((resolve) => {
        // Clients that do not answer the close handshake promptly are cut off.
        const cutoff = setTimeout(() => wss.clients.forEach((c) => c.terminate()), 500);
        wss.close(() => {
          clearTimeout(cutoff);
          resolve();
        });
      });
    },
  };
}

function serveClient(handlers: RequestHandlers, client: WebSocket): void {
  let malformedFrames = 0;
  let inFlight = 0;
  // Well-formed requests beyond the in-flight cap wait here in order; past MAX_QUEUED they are
  // answered "busy". Neither counts as malformed nor closes the socket: a burst is not an attack.
  const waiting: ValidRequest[] = [];
  const reply = (frame: ResponseFrame): void => {
    if (client.readyState !== WebSocket.OPEN) return;
    // A client that asks faster than it reads is cut off rather than buffered without bound.
    if (client.bufferedAmount > MAX_BUFFERED_BYTES) client.terminate();
    else client.send(JSON.stringify(frame));
  };
  const refuse = (id: number, error: string): void => {
    reply(errorResponse(id, error));
    malformedFrames += 1;
    if (malformedFrames >= MAX_MALFORMED_FRAMES)
      client.close(POLICY_VIOLATION, 'too many malformed frames');
  };
  const start = (request: ValidRequest): void => {
    inFlight += 1;
    void runRequest(handlers, request).then(({ response, refusal }) => {
      inFlight -= 1;
      if (refusal === 'unknown-channel' && !response.ok) refuse(request.id, response.error);
      else reply(response);
      const next = waiting.shift();
      if (next && client.readyState === WebSocket.OPEN) start(next);
    });
  };

  client.on('error', () => client.terminate());
  client.on('close', () => (waiting.length = 0));
  client.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) return refuse(UNKNOWN_REQUEST_ID, 'bad frame: binary frames are not accepted');
    const request = parseRequestFrame(rawToString(data));
    if (!request.ok) return refuse(request.id, request.error);
    if (inFlight < MAX_IN_FLIGHT) return start(request);
    if (waiting.length < MAX_QUEUED) return void waiting.push(request);
    reply(errorResponse(request.id, busyMessage()));
  });
}

/** The answer to a request past the queue: not an error in the request, a reason to retry. */
export function busyMessage(): string {
  return `busy: ${MAX_IN_FLIGHT} requests running and ${MAX_QUEUED} waiting; send it again later`;
}

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
