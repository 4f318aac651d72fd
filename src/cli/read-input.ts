/**
 * The CLI's side of the input layer (src/core/input): opens a file, FIFO, pipe or `-` (standard
 * input) so that Ctrl-C ends the read, with one-line errors.
 */
import { openInput, type OpenedInput } from '../core/input/open-input';
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
