/**
 * The one contract between the engine's host (Electron main or the dashboard server) and the
 * renderer. Each request channel's arguments and result are typed once here (after GitHub
 * Desktop's RequestResponseChannels) and validated once here, whichever transport carries them.
 */
import { z } from 'zod';
import {
  TCP_STATES,
  type AppNotification,
  type History,
  type HistoryRange,
  type Snapshot,
} from './snapshot';
import {
  MAX_PAGE_ROWS,
  SORT_KEYS,
  type ConnectionsPage,
  type ConnectionsQuery,
} from './connection-query';
import type { ProbeRequest, ProbeResult } from './probe';
import { settingsPatchSchema, type Settings, type SettingsPatch } from './settings';

export interface ReportRequest {
  format: 'markdown' | 'json';
  /** Keep local addresses, host name and user name; redacted unless true. */
  keepPrivate: boolean;
}

/** Request channels: name -> (args) => result. */
export interface RequestChannels {
  /** The snapshot as pushed: counts in full, connection rows cut to the most urgent. */
  'snapshot:get': () => Snapshot | null;
  /** One window of the latest snapshot's connection rows, filtered and sorted. */
  'connections:page': (query: ConnectionsQuery) => ConnectionsPage;
  'history:get': (range: HistoryRange) => History;
  'settings:get': () => Settings;
  'settings:set': (patch: SettingsPatch) => Settings;
  'probe:run': (request: ProbeRequest) => ProbeResult;
  'report:get': (request: ReportRequest) => string;
  'link:open': (url: string) => void;
}
export type RequestChannel = keyof RequestChannels;
export type RequestArgs<C extends RequestChannel> = Parameters<RequestChannels[C]>;
export type RequestResult<C extends RequestChannel> = ReturnType<RequestChannels[C]>;

/** One function per request channel; built once by the engine's host, whatever the transport. */
export type RequestHandlers = {
  [C in RequestChannel]: (
    ...args: RequestArgs<C>
  ) => RequestResult<C> | Promise<Awaited<RequestResult<C>>>;
};

/** Push channels: host -> renderer, one payload each. */
export interface PushChannels {
  snapshot: Snapshot;
  notification: AppNotification;
}
export type PushChannel = keyof PushChannels;

const hostName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:-]+$/, 'not a host name');

/** Argument schemas, checked by every handler before any work. */
export const requestArgSchemas: { [C in RequestChannel]: z.ZodType<RequestArgs<C>> } = {
  'snapshot:get': z.tuple([]),
  'connections:page': z.tuple([
    z
      .object({
        state: z.enum(['all', ...TCP_STATES]),
        sort: z.object({ key: z.enum(SORT_KEYS), descending: z.boolean() }).strict(),
        offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        limit: z.number().int().min(1).max(MAX_PAGE_ROWS),
      })
      .strict(),
  ]),
  'history:get': z.tuple([z.enum(['1h', '24h', '7d'])]),
  'settings:get': z.tuple([]),
  'settings:set': z.tuple([settingsPatchSchema]) as unknown as z.ZodType<[SettingsPatch]>,
  'probe:run': z.tuple([
    z
      .object({
        host: hostName.optional(),
        port: z.number().int().min(1).max(65535).optional(),
        servername: hostName.optional(),
      })
      .strict(),
  ]),
  'report:get': z.tuple([
    z.object({ format: z.enum(['markdown', 'json']), keepPrivate: z.boolean() }).strict(),
  ]),
  'link:open': z.tuple([z.string().max(2048)]),
};

export const REQUEST_CHANNELS = Object.keys(requestArgSchemas) as RequestChannel[];

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.hasOwn(requestArgSchemas, name);
}

/** Validates a channel's raw arguments; returns a one-line error instead of throwing. */
export function parseRequestArgs<C extends RequestChannel>(
  channel: C,
  args: unknown,
): { ok: true; args: RequestArgs<C> } | { ok: false; error: string } {
  const result = requestArgSchemas[channel].safeParse(args);
  if (result.success) return { ok: true, args: result.data as RequestArgs<C> };
  const issue = result.error.issues[0];
  return {
    ok: false,
    error: `${channel}: invalid argument${issue ? ` at ${issue.path.join('.') || '(root)'}: ${issue.message}` : ''}`,
  };
}

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
export const EXTERNAL_LINK_ALLOWLIST = [
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
