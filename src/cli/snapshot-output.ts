/** How every snapshot-producing command prints its result and chooses its exit code. */
import { VERDICT_RANK, type Snapshot, type VerdictLevel } from '../shared/snapshot';
import type { CommandIo, FlagSpecs, ParsedValues } from './command';
import { renderSnapshot } from './render-snapshot';

/** The verdicts `--fail-on` can name: the least severe that makes the exit code 1. */
const FAIL_ON_LEVELS = ['watch', 'alert'] as const satisfies readonly VerdictLevel[];

export const outputFlags = {
  json: { description: 'Print the whole snapshot as JSON (docs/json.md) instead of text.' },
  'fail-on': {
    value: 'LEVEL',
    description: 'Exit 1 when the verdict is at least this level (for scripts and monitoring).',
    allowed: FAIL_ON_LEVELS,
    default: 'exit 0 whatever the verdict',
  },
} satisfies FlagSpecs;

/** `--fail-on`, its value already checked against FAIL_ON_LEVELS by the flag parser. */
export function failOnFromFlags(values: ParsedValues): VerdictLevel | null {
  const raw = values['fail-on'];
  return FAIL_ON_LEVELS.find((level) => level === raw) ?? null;
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
