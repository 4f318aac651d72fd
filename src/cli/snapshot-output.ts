/** How every snapshot-producing command prints its result and chooses its exit code. */
import { VERDICT_RANK, type Snapshot, type VerdictLevel } from '../shared/snapshot';
import { UsageError, type CommandIo, type OptionSpec, type ParsedValues } from './command';
import { renderSnapshot } from './render-snapshot';

export const outputFlagOptions = {
  json: { type: 'boolean' },
  'fail-on': { type: 'string' },
} satisfies OptionSpec;

/** `--fail-on watch|alert`: the least severe verdict that makes the exit code 1. */
export function failOnFromFlags(values: ParsedValues): VerdictLevel | null {
  const raw = values['fail-on'];
  if (raw === undefined) return null;
  if (raw === 'watch' || raw === 'alert') return raw;
  throw new UsageError(`--fail-on ${String(raw)}: expected watch or alert`);
}

/** Prints the snapshot (JSON or text) and returns the exit code: 0, or 1 when --fail-on is met. */
export function writeSnapshot(snapshot: Snapshot, values: ParsedValues, io: CommandIo): number {
  const failOn = failOnFromFlags(values);
  if (values.json) io.stdout.write(JSON.stringify(snapshot, null, 2) + '\n');
  else
    io.stdout.write(
      renderSnapshot(snapshot, {
        color: Boolean(io.stdout.isTTY) && !io.env.NO_COLOR,
        maxRows: 20,
      }),
    );
  return failOn && VERDICT_RANK[snapshot.verdict.level] >= VERDICT_RANK[failOn] ? 1 : 0;
}
