/**
 * The dashboard's transport: the IPC contract as JSON frames over one WebSocket (see
 * src/shared/dashboard-protocol.ts). Requests made while the link is down wait for the reconnect
 * (or their timeout); requests in flight when it drops fail, since the server may not have seen them.
 */
import type { RequestFrame, ServerFrame } from '../../shared/dashboard-protocol';
import {
  isRequestChannel,
  type PushChannel,
  type PushChannels,
  type RequestChannel,
} from '../../shared/ipc-contract';
import type { AppClient, ConnectionStatus } from './app-client';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { describeClose, parseServerFrame } from './socket-frames';
import { errorLine } from '../../shared/error-line';

/** The part of the browser WebSocket this client uses; `ws` in Node provides the same. */
interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(
    type: 'close',
    listener: (event: { code: number; reason: string }) => void,
  ): void;
}

export interface SocketClientOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  backoff?: BackoffOptions;
  /** A request without an answer after this long fails with a one-line error. */
  requestTimeoutMs?: number;
  random?: () => number;
}

const OPEN = 1;

interface Pending {
  channel: RequestChannel;
  frame: string;
  sent: boolean;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function createSocketClient(options: SocketClientOptions): AppClient {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const timeoutMs = options.requestTimeoutMs ?? 60_000;
  const pending = new Map<number, Pending>();
  const pushListeners = new Map<PushChannel, Set<(payload: never) => void>>();
  const statusListeners = new Set<() => void>();
  let status: ConnectionStatus = {
    state: 'connecting',
    retryAt: null,
    detail: null,
    everConnected: false,
  };
  let socket: SocketLike | null = null;
  let nextId = 1;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  function setStatus(next: Partial<ConnectionStatus>): void {
    status = { ...status, ...next };
    for (const listener of statusListeners) listener();
  }

  function flushQueued(): void {
    for (const request of pending.values()) {
      if (request.sent || !socket || socket.readyState !== OPEN) continue;
      socket.send(request.frame);
      request.sent = true;
    }
  }

  function settle(
    id: number,
    outcome: { ok: true; result: unknown } | { ok: false; error: string },
  ) {
    const request = pending.get(id);
    if (!request) return;
    pending.delete(id);
    clearTimeout(request.timer);
    if (outcome.ok) request.resolve(outcome.result);
    else request.reject(new Error(outcome.error));
  }

  function onMessage(data: unknown): void {
    const frame: ServerFrame | string = parseServerFrame(data);
    if (typeof frame === 'string') {
      console.warn(`apsd-watch: ignored a frame from the server: ${frame}`);
      return;
    }
    if (frame.type === 'response') {
      settle(frame.id, frame.ok ? frame : { ok: false, error: frame.error });
      return;
    }
    for (const listener of pushListeners.get(frame.channel) ?? []) {
      try {
        listener(frame.payload as never);
      } catch (error) {
        console.error(`apsd-watch: a ${frame.channel} listener failed: ${errorLine(error)}`);
      }
    }
  }

  function onClose(code: number, reason: string): void {
    socket = null;
    for (const [id, request] of pending) {
      if (!request.sent) continue;
      settle(id, {
        ok: false,
        error: `${request.channel}: the connection to apsd-watch closed before it answered`,
      });
    }
    if (closed) return;
    const delay = backoffDelay(attempt, backoff, options.random);
    attempt += 1;
    const detail = status.everConnected ? describeClose(code, reason) : 'could not connect';
    setStatus({ state: 'disconnected', retryAt: Date.now() + delay, detail });
    retryTimer = setTimeout(connect, delay);
  }

  function connect(): void {
    retryTimer = null;
    if (closed) return;
    setStatus({ state: 'connecting', retryAt: null });
    let next: SocketLike;
    try {
      next = createSocket(options.url);
    } catch (error) {
      onClose(1006, errorLine(error));
      return;
    }
    socket = next;
    next.addEventListener('open', () => {
      attempt = 0;
      setStatus({ state: 'connected', retryAt: null, detail: null, everConnected: true });
      flushQueued();
    });
    next.addEventListener('message', (event) => onMessage(event.data));
    // The close event that always follows carries the outcome; a listener keeps Node's `ws` calm.
    next.addEventListener('error', () => undefined);
    next.addEventListener('close', (event) => onClose(event.code, event.reason));
  }

  connect();

  return {
    invoke(channel, ...args) {
      // The same allowlist as the preload's: a channel the contract does not name never leaves.
      if (!isRequestChannel(channel))
        return Promise.reject(new Error(`${String(channel)}: unknown channel`));
      const id = nextId++;
      const request: RequestFrame = { type: 'request', id, channel, args };
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            settle(id, {
              ok: false,
              error: `${channel}: no answer from apsd-watch within ${Math.round(timeoutMs / 1000)} s`,
            }),
          timeoutMs,
        );
        pending.set(id, {
          channel,
          frame: JSON.stringify(request),
          sent: false,
          resolve: resolve as (value: unknown) => void,
          reject,
          timer,
        });
        if (closed) settle(id, { ok: false, error: `${channel}: the client is closed` });
        else flushQueued();
      });
    },
    on<P extends PushChannel>(channel: P, listener: (payload: PushChannels[P]) => void) {
      const set = pushListeners.get(channel) ?? new Set();
      pushListeners.set(channel, set);
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    retryNow() {
      if (status.state !== 'disconnected' || closed) return;
      if (retryTimer) clearTimeout(retryTimer);
      connect();
    },
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      socket?.close(1000, 'closed by the page');
      for (const id of [...pending.keys()]) {
        settle(id, { ok: false, error: 'the client is closed' });
      }
      setStatus({ state: 'disconnected', retryAt: null, detail: 'closed' });
    },
  };
}
