/**
 * The one contract between the engine's host (Electron main or the dashboard server) and the
 * renderer. The channel list is declared once, here, as runtime constants that the main process,
 * the preload, the dashboard server and the renderer all import (after electron/fiddle's single
 * ipc-events module), each channel typed where it is declared (after GitHub Desktop's
 * RequestResponseChannels). This module has no dependencies, so the sandboxed preload can bundle
 * it; argument schemas live in request-args.ts and dispatch in core/dispatch.ts.
 */
import type { AppNotification, History, HistoryRange, Snapshot } from './snapshot';
import type { ConnectionsPage, ConnectionsQuery } from './connection-query';
import type { ProbeRequest, ProbeResult } from './probe';
import type { Settings, SettingsPatch } from './settings';

/**
 * Something the host must tell the user where they look (the popover and Settings): what macOS
 * refused, e.g. notifications of an unsigned build or a login item awaiting approval.
 */
export interface HostNotice {
  topic: 'notifications' | 'login-item';
  text: string;
}

export interface ReportRequest {
  format: 'markdown' | 'json';
  /** Keep local addresses, host name and user name; redacted unless true. */
  keepPrivate: boolean;
}

/** A request channel's signature, carried as a type only (the value is an empty object). */
interface Signature<Args extends unknown[], Result> {
  readonly args: Args;
  readonly result: Result;
}
const request = <Args extends unknown[], Result>() => ({}) as Signature<Args, Result>;

/** Request channels: renderer -> host, name -> (args) => result. */
const REQUESTS = {
  /** The snapshot as pushed: counts in full, connection rows cut to the most urgent. */
  'snapshot:get': request<[], Snapshot | null>(),
  /** One window of the latest snapshot's connection rows, filtered and sorted. */
  'connections:page': request<[query: ConnectionsQuery], ConnectionsPage>(),
  'history:get': request<[range: HistoryRange], History>(),
  'settings:get': request<[], Settings>(),
  'settings:set': request<[patch: SettingsPatch], Settings>(),
  'probe:run': request<[request: ProbeRequest], ProbeResult>(),
  'report:get': request<[request: ReportRequest], string>(),
  'link:open': request<[url: string], void>(),
  /** What the host cannot do and says instead; [] when all is well (always, in the dashboard). */
  'host:notices': request<[], HostNotice[]>(),
};

/** Push channels: host -> renderer, one payload each. */
const PUSHES = {
  snapshot: {} as { readonly payload: Snapshot },
  notification: {} as { readonly payload: AppNotification },
};

export type RequestChannel = keyof typeof REQUESTS;
export type RequestArgs<C extends RequestChannel> = (typeof REQUESTS)[C]['args'];
type RequestResult<C extends RequestChannel> = (typeof REQUESTS)[C]['result'];
export type PushChannel = keyof typeof PUSHES;
export type PushChannels = { [P in PushChannel]: (typeof PUSHES)[P]['payload'] };

/** Every request channel, in one list: main registers these, the preload and the socket allow them. */
export const REQUEST_CHANNELS = Object.freeze(Object.keys(REQUESTS) as RequestChannel[]);
export const PUSH_CHANNELS = Object.freeze(Object.keys(PUSHES) as PushChannel[]);

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.hasOwn(REQUESTS, name);
}

export function isPushChannel(name: unknown): name is PushChannel {
  return typeof name === 'string' && Object.hasOwn(PUSHES, name);
}

/** One function per request channel; built once by the engine's host, whatever the transport. */
export type RequestHandlers = {
  [C in RequestChannel]: (
    ...args: RequestArgs<C>
  ) => RequestResult<C> | Promise<Awaited<RequestResult<C>>>;
};

/**
 * What the renderer sees: the same interface over Electron IPC (preload) and over the dashboard's
 * WebSocket, so UI code never knows which transport it has.
 */
export interface ApsdClient {
  invoke<C extends RequestChannel>(
    channel: C,
    ...args: RequestArgs<C>
  ): Promise<Awaited<RequestResult<C>>>;
  /** Subscribes to a push channel; returns the unsubscribe function. */
  on<P extends PushChannel>(channel: P, listener: (payload: PushChannels[P]) => void): () => void;
}

/** External links the app may open, https only. */
const EXTERNAL_LINK_ALLOWLIST = [
  'support.apple.com',
  'developer.apple.com',
  'apple.stackexchange.com',
  'security.stackexchange.com',
];

/** True for an https URL on the allowlist; everything else is refused (after electron/fiddle's safelyOpenWebURL). */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    EXTERNAL_LINK_ALLOWLIST.includes(url.hostname)
  );
}
