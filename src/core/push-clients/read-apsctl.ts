/**
 * Runs `apsctl status` once (argument array, no shell, a timeout, bounded output) and says in one
 * line what came of it. apsctl is a child process: it runs every few minutes and when the popover
 * opens, never on every sample (its cost is in bench/RESULTS.md, macOS section).
 */
import type { PushClientsSource } from '../../shared/push-clients';
import { CommandError, runCommand } from '../exec/run-command';
import { parseApsctlStatus, type ApsctlReading } from './apsctl-parse';

export const APSCTL_PATH = '/System/Library/PrivateFrameworks/ApplePushService.framework/apsctl';
export const APSCTL_ARGS = ['status'] as const;
/** apsctl answers at once when apsd does; a hung apsd must not hold the engine longer. */
const APSCTL_TIMEOUT_MS = 10_000;
/** Far above any real status; beyond it the output is an error, not a half-read list. */
const APSCTL_MAX_BYTES = 8 * 1024 * 1024;

export interface ApsctlRead {
  at: Date;
  reading: ApsctlReading | null;
  source: PushClientsSource;
}

export interface ReadApsctlOptions {
  /** A stand-in's path in tests; the real apsctl otherwise. */
  binary?: string;
  platform: NodeJS.Platform;
  signal?: AbortSignal;
  /** Tests shorten it to see a hang handled; APSCTL_TIMEOUT_MS otherwise. */
  timeoutMs?: number;
}

const SHOWN = 'apsctl status';

/** Whether an error line reads as a refusal for want of rights (apsctl's own wording is unknown). */
const DENIED =
  /root|privilege|permission|not permitted|operation not allowed|unauthori[sz]ed|entitlement/i;

export async function readApsctl(options: ReadApsctlOptions): Promise<ApsctlRead> {
  const at = new Date();
  const from = options.binary ? `${options.binary} status` : SHOWN;
  const result = (
    status: PushClientsSource['status'],
    detail: string | null,
    durationMs: number | null,
    reading: ApsctlReading | null = null,
  ): ApsctlRead => ({
    at,
    reading,
    source: { status, from, detail, durationMs },
  });
  if (!options.binary && options.platform !== 'darwin')
    return result('unavailable', `apsctl exists only on macOS (this is ${options.platform})`, null);
  let stdout: string;
  let durationMs: number;
  try {
    ({ stdout, durationMs } = await runCommand(options.binary ?? APSCTL_PATH, APSCTL_ARGS, {
      timeoutMs: options.timeoutMs ?? APSCTL_TIMEOUT_MS,
      maxBufferBytes: APSCTL_MAX_BYTES,
      ...(options.signal ? { signal: options.signal } : {}),
    }));
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    if (error.reason === 'missing')
      return result('unavailable', `apsctl not found at ${options.binary ?? APSCTL_PATH}`, null);
    if (error.reason === 'timeout')
      return result(
        'failed',
        `apsctl status gave no answer within ${(options.timeoutMs ?? APSCTL_TIMEOUT_MS) / 1000} s and was stopped`,
        null,
      );
    if (error.reason === 'exit' && DENIED.test(error.message))
      return result(
        'failed',
        `apsctl status needs admin rights this app does not have (${oneLine(error.message)})`,
        null,
      );
    return result('failed', oneLine(error.message), null);
  }
  const ms = Math.round(durationMs * 10) / 10;
  if (stdout.trim() === '') return result('failed', 'apsctl status printed nothing', ms);
  const reading = parseApsctlStatus(stdout);
  const total = reading.linesRead + reading.linesNotRead;
  if (!reading.recognised)
    return result(
      'failed',
      `apsctl status printed nothing recognisable (${total} lines, no known label)`,
      ms,
    );
  return result('ok', notReadDetail(reading, total), ms, reading);
}

/** "3 of 120 lines not read (labels: foo, bar)": null when every line was read. */
function notReadDetail(reading: ApsctlReading, total: number): string | null {
  if (reading.linesNotRead === 0) return null;
  const labels = Object.keys(reading.unknownLabels);
  const named = labels.length
    ? ` (unknown labels: ${labels.slice(0, 5).join(', ')}${labels.length > 5 ? ', ...' : ''})`
    : '';
  return `${reading.linesNotRead} of ${total} lines not read${named}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').slice(0, 200);
}
