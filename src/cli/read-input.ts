/**
 * The CLI's side of the input layer (src/core/input): opens a file, FIFO, pipe or `-` (standard
 * input) so that Ctrl-C ends the read, with one-line errors.
 */
import { INPUT_LIMITS, describeBytes } from '../core/input/input-limits';
import { InputError, openInput, type OpenedInput } from '../core/input/open-input';
import type { CommandIo } from './command';

const signals = new WeakMap<Promise<void>, AbortSignal>();

/** Aborts when the user asks the command to stop (Ctrl-C, SIGTERM). */
export function interruptSignal(io: CommandIo): AbortSignal {
  let signal = signals.get(io.interrupted);
  if (!signal) {
    const controller = new AbortController();
    void io.interrupted.then(() => controller.abort());
    signal = controller.signal;
    signals.set(io.interrupted, signal);
  }
  return signal;
}

/** Opens `path` (or `-`) for the command; `maxBytes` caps what is read. */
export function openCliInput(path: string, io: CommandIo, maxBytes?: number): Promise<OpenedInput> {
  return openInput(path, { signal: interruptSignal(io), stdin: io.stdin, maxBytes });
}

/** A whole capture as text, refused past INPUT_LIMITS.captureBytes. */
export async function readTextInput(path: string, io: CommandIo): Promise<string> {
  const cap = INPUT_LIMITS.captureBytes;
  const input = await openCliInput(path, io, cap);
  try {
    if (input.size !== null && input.size > cap)
      throw new InputError(input.label, `larger than ${describeBytes(cap)}; not a socket table`);
    const chunks: Buffer[] = [];
    for await (const chunk of input.chunks()) chunks.push(chunk);
    if (input.capped)
      throw new InputError(input.label, `more than ${describeBytes(cap)}; not a socket table`);
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    await input.close();
  }
}
