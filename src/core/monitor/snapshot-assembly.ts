/**
 * Puts the parts of one moment together into a Snapshot and its verdict. Only the pipeline
 * (analyse.ts) calls it, for the engine and the offline commands alike, so every command's JSON
 * has the same shape and wording.
 */
import { buildVerdict } from '../analysis/verdict';
import { LogAggregator } from '../logs/kinds/log-aggregator';
import type { PushClientsPart } from './push-client-facts';
import type {
  ConnectionSummary,
  DaemonInfo,
  HostInfo,
  LogSummary,
  Snapshot,
  SourceInfo,
  SpikeState,
} from '../../shared/snapshot';

export interface SnapshotParts {
  now: Date;
  intervalSeconds: number;
  daemonName: string;
  /** What the peers are in words; see describeWatchedPeers. */
  peersLabel: string;
  host: HostInfo;
  daemon: DaemonInfo;
  connections: ConnectionSummary;
  logs: LogSummary;
  spike: SpikeState;
  source: SourceInfo;
  warnings: readonly string[];
  /** apsd's clients, and whether the network is up (for "not connected while the network is up"). */
  pushClientsRead?: { part: PushClientsPart; networkUp: boolean | null };
}

export function assembleSnapshot(parts: SnapshotParts): Snapshot {
  const verdict = buildVerdict({
    connections: parts.connections,
    logs: parts.logs,
    spike: parts.spike,
    daemon: parts.daemon,
    daemonStatus: parts.source.daemon.status,
    daemonDetail: parts.source.daemon.detail,
    socketsStatus: parts.source.sockets.status,
    socketsDetail: parts.source.sockets.detail,
    socketsNotAttributed: parts.source.sockets.notAttributed,
    daemonName: parts.daemonName,
    platform: parts.host.platform,
    peersLabel: parts.peersLabel,
    now: parts.now,
    logsSource: parts.source.logs,
    ...(parts.pushClientsRead
      ? {
          pushClients: parts.pushClientsRead.part.pushClients,
          networkUp: parts.pushClientsRead.networkUp,
        }
      : {}),
  });
  return {
    schemaVersion: 1,
    takenAt: parts.now.toISOString(),
    intervalSeconds: parts.intervalSeconds,
    host: parts.host,
    daemon: parts.daemon,
    connections: parts.connections,
    logs: parts.logs,
    spike: parts.spike,
    verdict,
    source: parts.pushClientsRead
      ? { ...parts.source, pushClients: parts.pushClientsRead.part.source }
      : parts.source,
    ...(parts.pushClientsRead ? { pushClients: parts.pushClientsRead.part.pushClients } : {}),
    warnings: [...parts.warnings],
  };
}

export function emptyLogs(): LogSummary {
  return new LogAggregator().summary();
}

/** Before the first check, or where none is made: nothing claimed about the daemon. */
export function unknownDaemon(name: string): DaemonInfo {
  return {
    name,
    running: false,
    pid: null,
    cpuPercent: null,
    memoryBytes: null,
    startedAt: null,
    restartedAt: null,
  };
}

export function hostOfThisProcess(): HostInfo {
  return { platform: process.platform, osName: null, osVersion: null };
}

/** A part of the snapshot this command does not read (e.g. sockets in `scan-logs`). */
export function skippedPart(from: string) {
  return { status: 'skipped' as const, from, detail: null };
}
