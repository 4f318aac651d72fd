/**
 * The snapshot: everything the engine knows at one moment. The CLI's `--json`, the popover and the
 * dashboard all render this one object, so a terminal and the menu bar never disagree.
 */

import type { PushClients, PushClientsSource, TopicPushes } from './push-clients';

/** TCP states in macOS netstat's spelling; Linux names are mapped onto these. */
export const TCP_STATES = [
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECEIVED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'TIME_WAIT',
  'CLOSE_WAIT',
  'LAST_ACK',
  'CLOSING',
  'LISTEN',
  'CLOSED',
] as const;
export type TcpState = (typeof TCP_STATES)[number];

/** One socket row as read from netstat, ss or /proc, before attribution. */
export interface SocketRow {
  protocol: 'tcp4' | 'tcp6' | 'tcp46';
  localAddress: string;
  localPort: number;
  /** `*` for an unconnected socket. */
  peerAddress: string;
  peerPort: number | null;
  state: TcpState;
  recvQueue: number;
  sendQueue: number;
  /** Last pid that used the socket (netstat -v) or the owner (ss -p); null when unknown. */
  pid: number | null;
  /** Process name when the source prints one; null when unknown or the process has exited. */
  process: string | null;
  /** lsof cut the process name to its 9-character column: a prefix of the real name. */
  processCut?: boolean;
  /** netstat cut the peer's address (IPv6 at 16 characters) or port (`-A` columns): a prefix. */
  peerAddressCut?: boolean;
  peerPortCut?: boolean;
  /** The peer could not be read: `peerAddress` is ''; `peerPort` is kept when it shows, else null. */
  peerUnknown?: PeerUnknownReason;
}

/** `redacted`: bullets or stars in place of digits; `missing`: no column; `name`: a host or service name. */
export type PeerUnknownReason = 'redacted' | 'missing' | 'name';

/** A socket the watch rules attribute to the watched daemon. */
export interface Connection {
  /** `address:port`, IPv6 in brackets: `[2620:149:a44::1]:5223`. */
  local: string;
  peer: string;
  state: TcpState;
  sendQueue: number;
  recvQueue: number;
  pid: number | null;
  process: string | null;
  /** Why this socket counts, in words: "process apsd", "peer port 5223 in 17.0.0.0/8". */
  attributedBy: string;
  /** When this 4-tuple was first seen (ISO 8601); the engine's own observation, not the kernel's. */
  firstSeen: string;
  ageSeconds: number;
}

export interface ConnectionSummary {
  /** How long this engine has watched (0 for a single sample or a saved capture: ages unknown). */
  observedSeconds: number;
  total: number;
  byState: Partial<Record<TcpState, number>>;
  finWait1: {
    count: number;
    sendQueueBytes: number;
    /** Age of the oldest FIN_WAIT_1 socket seen by this engine; null when there is none. */
    oldestAgeSeconds: number | null;
  };
  established: {
    count: number;
    /** The longest-lived ESTABLISHED connection, the push link when apsd is healthy. */
    longest: { peer: string; ageSeconds: number } | null;
  };
  /** New 4-tuples per hour over the window observed so far (reconnect churn); null until known. */
  newPerHour: number | null;
  items: Connection[];
}

/** How a log line is classified. `trust-failure` is the serious one. */
export const LOG_KINDS = ['leaf-certificate', 'trust-failure', 'connection', 'other'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

export interface LogEvent {
  /** ISO 8601. Syslog lines carry no year or zone: the reader infers them and says so in `source`. */
  time: string;
  kind: LogKind;
  process: string;
  pid: number | null;
  message: string;
}

export interface Periodicity {
  count: number;
  /** Median gap between consecutive lines of this kind; null with fewer than two lines. */
  medianIntervalSeconds: number | null;
  /** 0..1, 1 = perfectly regular (1 - coefficient of variation of the gaps, floored at 0). */
  regularity: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface LogSummary {
  byKind: Record<LogKind, number>;
  periodicity: Record<LogKind, Periodicity>;
  first: string | null;
  last: string | null;
  /** The most recent classified lines, newest last, bounded. */
  recent: LogEvent[];
  /** Log lines that name a push topic; absent where the reader does not count them. */
  topics?: LogTopics;
}

interface LogTopics {
  /** Pushes received per topic (`receivedPushWithTopic`, "Received message for enabled topic"). */
  byTopic: TopicPushes[];
  /** The other topic wordings, counted apart: ignored, recently removed, unknown topic hash. */
  ignored: number;
  recentlyRemoved: number;
  unknownHash: number;
}

export type VerdictLevel = 'ok' | 'watch' | 'alert';

/** Severity as a number (0 ok, 1 watch, 2 alert): for sorting, `--fail-on` and the metric. */
export const VERDICT_RANK: Record<VerdictLevel, number> = { ok: 0, watch: 1, alert: 2 };

export interface Verdict {
  level: VerdictLevel;
  /** One sentence for a header or a notification. */
  headline: string;
  /** Plain words with numbers, most important first. */
  reasons: string[];
}

export interface SpikeState {
  active: boolean;
  /** ISO time the current episode started; null when none is active. */
  since: string | null;
  /** Learned FIN_WAIT_1 baseline (a robust median of recent calm samples). */
  baseline: number;
  /** The count a sample must exceed to count toward a spike. */
  threshold: number;
  /** How many calm samples the baseline rests on; 0 means no usual level is known yet. */
  baselineSamples: number;
  /** Muted until this time after a wake from sleep; null when not muted. */
  mutedUntil: string | null;
  /** After an episode ends, no new spike notification until this time; null when none applies. */
  cooldownUntil: string | null;
  /** Why an active spike is not alerting: just woke from sleep, or within the cooldown. */
  quietReason: 'wake' | 'cooldown' | null;
}

export interface DaemonInfo {
  name: string;
  running: boolean;
  pid: number | null;
  cpuPercent: number | null;
  memoryBytes: number | null;
  startedAt: string | null;
  /** Set when the pid changed since the previous check: the daemon was restarted. */
  restartedAt: string | null;
}

export interface HostInfo {
  platform: NodeJS.Platform | string;
  osName: string | null;
  osVersion: string | null;
}

/** Why a TCP row is not the watched daemon's (a fixed set, so the tally stays bounded). */
export const NOT_ATTRIBUTED_REASONS = [
  'listening',
  'no peer',
  'peer port not watched',
  'peer outside the watched ranges',
] as const;
export type NotAttributedReason = (typeof NOT_ATTRIBUTED_REASONS)[number];

/** A group of rows counted together: how many, in which states, with how many unsent bytes. */
export interface RowTally {
  count: number;
  byState: Partial<Record<TcpState, number>>;
  sendQueueBytes: number;
  /** The first such row in words, e.g. `[2620:149:a44:200…]:5223 (cut by netstat) FIN_WAIT_1`. */
  example: string | null;
}

/** Every TCP row read and not attributed, in one of three places. */
export interface NotAttributed {
  /** Peer redacted, missing or printed as a name: which process owns these is unknown. */
  peerUnknown: RowTally & { why: Partial<Record<PeerUnknownReason, number>> };
  /** Peer address or port cut by netstat: some of what it could be is watched, some not. */
  mayBeWatched: RowTally;
  /** Every other row, by reason. */
  byReason: Partial<Record<NotAttributedReason, number>>;
}

/** `skipped`: not part of this command (e.g. `scan-logs` reads no sockets); the verdict ignores it. */
export type PartStatus = 'ok' | 'fallback' | 'failed' | 'unavailable' | 'starting' | 'skipped';

/** Where each part of the snapshot came from, and anything that went wrong. */
export interface SourceInfo {
  sockets: {
    status: PartStatus;
    /** The command or file read, e.g. `netstat -anv -p tcp`, `/proc/net/tcp`, `capture.txt`. */
    from: string;
    rowsRead: number;
    rowsAttributed: number;
    /** The rows read and not attributed (rowsRead - rowsAttributed of them), by group. */
    notAttributed?: NotAttributed;
    /** Lines that looked like socket rows but could not be read (a warning shows the first). */
    linesNotRead?: number;
    /** Set on failure or fallback, one line. */
    detail: string | null;
    at: string | null;
    durationMs: number | null;
  };
  logs: {
    status: PartStatus;
    from: string;
    /** Lines read: records, their continuations, and framing (banners, prompts, blank lines). */
    linesRead: number;
    /** Lines of no format read, when the source counts them (saved files do). */
    linesNotRead?: number;
    /** The first of those: file, 1-based line number, and a bounded snippet. */
    firstNotRead?: { file: string; line: number; text: string } | null;
    detail: string | null;
  };
  daemon: {
    status: PartStatus;
    from: string;
    detail: string | null;
  };
  /** `apsctl status`: absent in snapshots from before it was read (saved ones, older versions). */
  pushClients?: PushClientsSource;
}

export interface Snapshot {
  schemaVersion: 1;
  takenAt: string;
  intervalSeconds: number;
  host: HostInfo;
  daemon: DaemonInfo;
  connections: ConnectionSummary;
  logs: LogSummary;
  spike: SpikeState;
  verdict: Verdict;
  source: SourceInfo;
  /** apsd's own list of its clients (`apsctl status`); absent where not part of the command. */
  pushClients?: PushClients;
  /** Visible warnings: bad input skipped, a corrupt data file moved aside, a fallback in use. */
  warnings: string[];
}

/** A notification-worthy event; one per episode, the engine applies the cooldown. */
export interface AppNotification {
  id: string;
  kind: 'spike' | 'trust-failure';
  at: string;
  title: string;
  body: string;
}

export type HistoryRange = '1h' | '24h' | '7d';

export interface HistoryPoint {
  /** Epoch milliseconds. */
  t: number;
  finWait1: number;
  established: number;
  total: number;
  sendQueueBytes: number;
}

export interface HistoryMarker {
  t: number;
  kind: LogKind | 'spike';
  count: number;
}

export interface History {
  range: HistoryRange;
  points: HistoryPoint[];
  markers: HistoryMarker[];
}
