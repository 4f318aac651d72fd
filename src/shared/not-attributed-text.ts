/**
 * The rows a socket table had that were not attributed, in words: the same sentences for the CLI,
 * the report and the verdict, so a redacted or cut capture never reads as "nothing there".
 */
import { formatBytes, formatCount } from './format';
import {
  NOT_ATTRIBUTED_REASONS,
  TCP_STATES,
  type NotAttributed,
  type PeerUnknownReason,
  type RowTally,
} from './snapshot';

const UNKNOWN_WORDS: Record<PeerUnknownReason, string> = {
  redacted: 'addresses redacted',
  missing: 'peer address missing',
  name: 'peers printed as names, not numbers',
};

function bytes(count: number): string {
  return count < 1000 ? `${count} ${count === 1 ? 'byte' : 'bytes'}` : formatBytes(count);
}

/** "1 ESTABLISHED, 2 FIN_WAIT_1 holding 249 bytes". */
function states(tally: RowTally): string {
  return TCP_STATES.filter((state) => tally.byState[state])
    .map((state) => {
      const text = `${formatCount(tally.byState[state]!)} ${state}`;
      return state === 'FIN_WAIT_1' && tally.sendQueueBytes > 0
        ? `${text} holding ${bytes(tally.sendQueueBytes)}`
        : text;
    })
    .join(', ');
}

const rows = (count: number) => `${formatCount(count)} ${count === 1 ? 'row' : 'rows'}`;

/** Lines for the groups that have rows; empty when every row was attributed or ruled out. */
export function describeNotAttributed(notAttributed: NotAttributed, daemonName: string): string[] {
  const lines: string[] = [];
  const { peerUnknown, mayBeWatched, byReason } = notAttributed;
  if (peerUnknown.count > 0) {
    const why = (Object.keys(peerUnknown.why) as PeerUnknownReason[])
      .map((reason) => UNKNOWN_WORDS[reason])
      .join(', ');
    lines.push(
      `${rows(peerUnknown.count)}, ${why}: ${states(peerUnknown)}; which process owns them is unknown`,
    );
  }
  if (mayBeWatched.count > 0)
    lines.push(
      `${rows(mayBeWatched.count)} may be ${daemonName}'s: netstat cut their peer address or port to fit its column (first: ${mayBeWatched.example}): ${states(mayBeWatched)}; netstat -anvl prints them whole`,
    );
  const others = NOT_ATTRIBUTED_REASONS.filter((reason) => byReason[reason]).map(
    (reason) => `${formatCount(byReason[reason]!)} ${reason}`,
  );
  if (others.length > 0) lines.push(`Not ${daemonName}'s: ${others.join(', ')}`);
  return lines;
}
