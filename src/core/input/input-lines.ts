/**
 * Lines of an opened input, in batches (one per chunk read, so a 10-million-line file costs
 * 10,000 awaits, not 10 million). Over-long lines are skipped and counted; reading stops at
 * INPUT_LIMITS.linesPerFile and says so.
 */
import { LineSplitter } from './line-splitter';
import { countOf, formatCount } from '../../shared/format';
import { INPUT_LIMITS, describeBytes } from './input-limits';
import type { OpenedInput } from './open-input';

interface LineCounts {
  /** Lines handed out. */
  lines: number;
  /** Lines longer than INPUT_LIMITS.lineBytes, skipped. */
  oversize: number;
  /** True when reading stopped at a cap (lines or bytes) before the input ended. */
  capped: boolean;
}

export interface InputLines extends LineCounts {
  /** Batches of complete lines, without their newlines; the last line may lack one. */
  batches(): AsyncIterableIterator<string[]>;
  /** What was not read, as notes for a warning ("3 lines longer than 64 KiB skipped"). */
  problems(): string[];
}

export function inputLines(
  input: OpenedInput,
  maxLines: number = INPUT_LIMITS.linesPerFile,
): InputLines {
  const splitter = new LineSplitter();
  const result: InputLines = {
    lines: 0,
    oversize: 0,
    capped: false,
    batches,
    problems() {
      const notes: string[] = [];
      if (result.oversize)
        notes.push(
          `${countOf(result.oversize, 'line')} longer than ${describeBytes(INPUT_LIMITS.lineBytes)} skipped`,
        );
      if (result.lines >= maxLines && result.capped)
        notes.push(`stopped after ${formatCount(maxLines)} lines (the cap per file)`);
      else if (input.capped)
        notes.push(`stopped after ${describeBytes(input.bytesRead)} (the cap per input)`);
      return notes;
    },
  };
  function take(lines: string[]): string[] {
    result.oversize = splitter.oversize;
    const room = maxLines - result.lines;
    if (lines.length > room) {
      lines = lines.slice(0, room);
      result.capped = true;
    }
    result.lines += lines.length;
    return lines;
  }
  async function* batches(): AsyncIterableIterator<string[]> {
    for await (const chunk of input.chunks()) {
      const lines = take(splitter.push(chunk));
      if (lines.length) yield lines;
      if (result.capped) return;
    }
    const last = splitter.flush();
    const lines = take(last === null ? [] : [last]);
    if (lines.length) yield lines;
    result.capped ||= input.capped;
  }
  return result;
}
