/** Picks and builds the live log source the engine options ask for. */
import { existsSync } from 'node:fs';
import type { LogSource } from './live-log-source';
import { SyslogFollower } from './syslog-follower';
import { UnifiedLogStream } from './unified-log-stream';

/** Where log lines come from; `auto` picks the unified log on macOS 10.12+ and syslog files elsewhere. */
export type LogSourceOption =
  | { kind: 'auto' }
  | { kind: 'none' }
  /** Follow one or more plain-text syslog files (rotation and truncation handled). */
  | { kind: 'syslog-file'; path: string; backfillArchives?: boolean }
  /** Supervise `log stream` (or a stand-in executable with the same interface). */
  | { kind: 'unified-log'; logBinary?: string };

export interface LogSourceContext {
  processes: readonly string[];
  /** Seconds of history to read at start; 0 for none. */
  backfillSeconds: number;
  platform: NodeJS.Platform;
  /** `os.release()`; Darwin 16 is macOS 10.12, the first with the unified log. */
  osRelease: string;
}

/** Where a syslog daemon writes, most likely first: macOS, Debian-likes, Red Hat-likes. */
export const SYSLOG_PATHS = ['/var/log/system.log', '/var/log/syslog', '/var/log/messages'];
const FIRST_UNIFIED_LOG_DARWIN = 16;

function syslogFollower(path: string, archives: boolean, context: LogSourceContext): LogSource {
  return new SyslogFollower(path, {
    processes: context.processes,
    backfill:
      context.backfillSeconds > 0
        ? { sinceMs: Date.now() - context.backfillSeconds * 1000, archives }
        : false,
  });
}

function unifiedLog(logBinary: string | undefined, context: LogSourceContext): LogSource {
  return new UnifiedLogStream({
    processes: context.processes,
    backfillSeconds: context.backfillSeconds,
    ...(logBinary ? { logBinary } : {}),
  });
}

/** Null for `{ kind: 'none' }`. `auto`: the unified log on macOS 10.12+, else a syslog file. */
export function createLogSource(
  option: LogSourceOption,
  context: LogSourceContext,
): LogSource | null {
  switch (option.kind) {
    case 'none':
      return null;
    case 'syslog-file':
      return syslogFollower(option.path, option.backfillArchives ?? true, context);
    case 'unified-log':
      return unifiedLog(option.logBinary, context);
    case 'auto': {
      const darwin = Number.parseInt(context.osRelease, 10);
      if (context.platform === 'darwin' && darwin >= FIRST_UNIFIED_LOG_DARWIN)
        return unifiedLog(undefined, context);
      const path =
        context.platform === 'darwin'
          ? SYSLOG_PATHS[0]!
          : (SYSLOG_PATHS.find((p) => existsSync(p)) ?? SYSLOG_PATHS[0]!);
      return syslogFollower(path, true, context);
    }
  }
}
