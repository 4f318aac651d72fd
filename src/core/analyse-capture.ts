/**
 * The one entry point for a saved socket table (`analyze-netstat`, the bench): the same analysis
 * as the live engine, on a capture read as a stream, so only counts and a bounded list of rows are
 * kept. Refusals are InputErrors: one line naming the input.
 */
import { basename } from 'node:path';
import type { WatchRules } from '../shared/settings';
import type { Snapshot } from '../shared/snapshot';
import { INPUT_LIMITS, describeBytes } from './input/input-limits';
import { inputLines } from './input/input-lines';
import { InputError, openInput, type OpenedInput } from './input/open-input';
import { buildOfflineSnapshot } from './monitor/offline-snapshot';
import { compileRules } from './sockets/attribution';
import { tallyCapture } from './sockets/capture-tally';
import { SocketCaptureError, assertTextStart } from './sockets/socket-capture';

export interface CaptureOptions {
  rules: WatchRules;
  /** Ends the read at once (Ctrl-C): it rejects with InputAbortedError. */
  signal?: AbortSignal;
  /** Read for the path `-`. */
  stdin?: NodeJS.ReadableStream;
  now?: Date;
}

/** Binary input (/dev/zero, an image) is refused from its first chunk, before lines are cut. */
function refuseBinary(input: OpenedInput): OpenedInput {
  const chunks = async function* () {
    let first = true;
    for await (const chunk of input.chunks()) {
      if (first)
        assertTextStart(chunk.subarray(0, INPUT_LIMITS.binarySniffBytes).toString('latin1'));
      first = false;
      yield chunk;
    }
  };
  return Object.create(input, { chunks: { value: chunks } }) as OpenedInput;
}

/** A snapshot of the socket table at `path` (`-` for standard input). */
export async function analyseCapture(path: string, options: CaptureOptions): Promise<Snapshot> {
  const { rules, signal, stdin } = options;
  const label = path === '-' ? 'standard input' : path;
  const now = options.now ?? new Date();
  const cap = INPUT_LIMITS.captureBytes;
  const input = await openInput(path, { signal, stdin, maxBytes: cap });
  let capture;
  let lines;
  try {
    if (input.size !== null && input.size > cap)
      throw new InputError(label, `larger than ${describeBytes(cap)}; not a socket table`);
    lines = inputLines(refuseBinary(input));
    capture = await tallyCapture(lines.batches(), compileRules(rules), now);
  } catch (error) {
    if (error instanceof SocketCaptureError) throw new InputError(label, error.message);
    throw error;
  } finally {
    await input.close();
  }
  // Lines the input layer dropped (too long, past a cap) are lines not read too.
  const dropped = lines.problems().map((problem) => `${label}: ${problem}`);
  return buildOfflineSnapshot({
    rules,
    sockets: {
      tally: { ...capture.tally, linesNotRead: capture.tally.linesNotRead + lines.oversize },
      from: `${path === '-' ? 'standard input' : basename(path)} (${capture.format})`,
    },
    logs: { skipped: 'not part of analyze-netstat' },
    daemonSkipped: 'not checked: the capture may come from another machine',
    warnings: [...capture.warnings, ...dropped],
    now,
  });
}
