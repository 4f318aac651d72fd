/**
 * What `apsctl status` says about apsd's clients (apps and daemons that use push), as the snapshot
 * carries it. No token is ever part of it: a client says only whether it has one.
 */
import type { PartStatus } from './snapshot';

/** A client's connection status, from the wording apsctl prints (docs/sources.md, "Push clients"). */
export const CLIENT_STATUS_KINDS = [
  'ok',
  'waiting',
  'no-topics',
  'missing-token',
  'not-connected',
  'user-not-connected',
  'unregistered',
  'no-eligible-topics',
  'other',
  'not-shown',
] as const;
export type ClientStatusKind = (typeof CLIENT_STATUS_KINDS)[number];

/** Which list apsctl printed a topic under. */
export type TopicList = 'enabled' | 'opportunistic' | 'nonwaking' | 'ignored' | 'disabled';

export interface PushTopic {
  name: string;
  list: TopicList;
  /** As printed (`Ok`, `Paused, topic is redlisted`), null when not shown. */
  status: string | null;
  /** `push-to-wake`, `dark-wake` when printed. */
  flags: string[];
}

export interface PushEnvironment {
  /** `production`, `development`, or what apsctl printed. */
  name: string;
  /** The courier host named under it, e.g. `22-courier.push.apple.com`. */
  courier: string | null;
  /**
   * true: a courier is named; false: the block was read in full and names none (or says not
   * connected); null: a label in the block was not read, so its absence proves nothing.
   */
  connected: boolean | null;
}

export interface PushClient {
  /** `application port name`, e.g. `com.apple.aps.mdmclient.daemon.push.production`. */
  portName: string | null;
  process: string | null;
  /** The environment block it was printed under, when it was under one. */
  environment: string | null;
  statusKind: ClientStatusKind;
  /** As printed (bounded), null when not shown. */
  status: string | null;
  user: string | null;
  /** Whether apsctl said it has a token; the token itself is never kept. */
  hasToken: boolean | null;
  topics: PushTopic[];
  /** Time of the last push (ISO 8601 when the date could be read, else null) and its topic. */
  lastPushAt: string | null;
  lastPushTopic: string | null;
  /** `push notifications:` count when printed. */
  pushCount: number | null;
  /** When this engine first saw the client in its present status (for "stuck" judgements). */
  statusSince: string | null;
}

/** Per topic, from log lines that name one (live log or scan-logs). */
export interface TopicPushes {
  topic: string;
  count: number;
  /** Pushes in the 24 h before the snapshot (by the lines' own times). */
  last24h: number;
  lastAt: string | null;
}

export interface PushClients {
  status: PartStatus;
  /** When apsctl was last read (ISO), null before the first read. */
  readAt: string | null;
  /** `startup time` as an ISO time when readable. */
  daemonStartedAt: string | null;
  environments: PushEnvironment[];
  clients: PushClient[];
  /** Lines of apsctl output read as a known label, as an unknown label, and not read at all. */
  linesRead: number;
  linesNotRead: number;
  /** Labels apsctl printed that this reader does not know, with counts (bounded). */
  unknownLabels: Record<string, number>;
}

export type PushClientsSource = {
  status: PartStatus;
  /** The command, e.g. `apsctl status`. */
  from: string;
  /** One line: why it could not be read, or what was not read. */
  detail: string | null;
  durationMs: number | null;
};
