/**
 * What the engine knows of apsd's push clients between reads of `apsctl status`. A read is a
 * child process, so it runs every few minutes and when the popover opens (at most once a minute),
 * never on every sample. It also remembers since when each client has been in its present status,
 * which is what "stuck in Missing token" is judged on.
 */
import type { PushClient, PushClients, PushClientsSource } from '../../shared/push-clients';
import type { ApsctlRead, ReadApsctlOptions } from '../push-clients/read-apsctl';
import { readApsctl } from '../push-clients/read-apsctl';

const PUSH_CLIENTS_READ_MS = 5 * 60_000;
/** Opening the popover reads again, but no more often than this. */
export const PUSH_CLIENTS_MIN_GAP_MS = 60_000;

export interface PushClientsPart {
  pushClients: PushClients;
  source: PushClientsSource;
}

function clientKey(client: Pick<PushClient, 'portName' | 'process' | 'environment'>): string {
  return `${client.environment ?? ''}\n${client.portName ?? ''}\n${client.process ?? ''}`;
}

export class PushClientFacts {
  private last: ApsctlRead | null = null;
  private startedAt = -Infinity;
  private inflight: Promise<void> | null = null;
  private since = new Map<string, { kind: string; at: string }>();

  constructor(private readonly options: ReadApsctlOptions) {}

  /** True when the last read is older than the slow timer (or there is none). */
  due(now: Date, gapMs = PUSH_CLIENTS_READ_MS): boolean {
    return now.getTime() - this.startedAt >= gapMs;
  }

  /** Reads apsctl unless a read is running or one started within `gapMs`; resolves when done. */
  refresh(now: Date, gapMs = PUSH_CLIENTS_READ_MS): Promise<void> {
    if (this.inflight) return this.inflight;
    if (!this.due(now, gapMs)) return Promise.resolve();
    this.startedAt = now.getTime();
    this.inflight = readApsctl(this.options)
      .then((read) => this.take(read))
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  private take(read: ApsctlRead): void {
    const since = new Map<string, { kind: string; at: string }>();
    for (const client of read.reading?.clients ?? []) {
      const key = clientKey(client);
      const before = this.since.get(key);
      const at = before && before.kind === client.statusKind ? before.at : read.at.toISOString();
      since.set(key, { kind: client.statusKind, at });
      client.statusSince = at;
    }
    // A failed read keeps what was known of each client's status; a good one replaces it.
    if (read.reading) this.since = since;
    this.last = read;
  }

  /** The snapshot's part: `starting` before the first read finishes. */
  part(): PushClientsPart {
    const read = this.last;
    const reading = read?.reading ?? null;
    const source: PushClientsSource = read?.source ?? {
      status: 'starting',
      from: 'apsctl status',
      detail: null,
      durationMs: null,
    };
    return {
      source,
      pushClients: {
        status: source.status,
        readAt: read ? read.at.toISOString() : null,
        daemonStartedAt: reading?.daemonStartedAt ?? null,
        environments: reading?.environments ?? [],
        clients: reading?.clients ?? [],
        linesRead: reading?.linesRead ?? 0,
        linesNotRead: reading?.linesNotRead ?? 0,
        unknownLabels: reading?.unknownLabels ?? {},
      },
    };
  }
}
