/** The verdict in one sentence with its level, its reasons, and how fresh the data is. */
import { useState } from 'react';
import type { Snapshot, VerdictLevel } from '../../shared/snapshot';
import { formatClockSeconds } from '../../shared/format';
import { LEVEL_WORDS, reasonsBelowHeadline } from '../../shared/verdict-text';

const HEADER_WORDS: Record<VerdictLevel | 'waiting', string> = {
  ...LEVEL_WORDS,
  waiting: 'Starting',
};

/** Reasons beyond this many sit behind "more", keeping the header short in a 560 px popover. */
const VISIBLE_REASONS = 2;

interface VerdictHeaderProps {
  snapshot: Snapshot | null;
  error: string | null;
}

export function VerdictHeader({ snapshot, error }: VerdictHeaderProps) {
  const [expanded, setExpanded] = useState(false);
  const level = snapshot?.verdict.level ?? 'waiting';
  const headline =
    snapshot?.verdict.headline ??
    (error ? `No data yet: ${error}` : 'Waiting for the first sample…');
  const reasons = snapshot ? reasonsBelowHeadline(snapshot.verdict) : [];
  const shown = expanded ? reasons : reasons.slice(0, VISIBLE_REASONS);
  const hidden = reasons.length - shown.length;

  return (
    <header className="verdict" data-testid="verdict" data-level={level}>
      <div className="verdict-top">
        <span className="level" data-testid="verdict-level" data-level={level}>
          <span className="level-dot" aria-hidden="true" />
          {HEADER_WORDS[level]}
        </span>
        <span className="app-name">apsd-watch</span>
        {snapshot ? (
          <time className="updated" dateTime={snapshot.takenAt} data-testid="updated-at">
            Updated {formatClockSeconds(snapshot.takenAt)}
          </time>
        ) : null}
      </div>
      <h1 className="headline" data-testid="verdict-headline" aria-live="polite">
        {headline}
      </h1>
      {reasons.length > 0 ? (
        <ul
          className="reasons"
          data-testid="verdict-reasons"
          id="verdict-reasons"
          data-expanded={expanded}
        >
          {shown.map((reason) => (
            <li key={reason} title={expanded ? undefined : reason}>
              {reason}
            </li>
          ))}
        </ul>
      ) : null}
      {reasons.length > VISIBLE_REASONS ? (
        <button
          type="button"
          className="link-button reasons-toggle"
          aria-expanded={expanded}
          aria-controls="verdict-reasons"
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'Show less' : `${hidden} more`}
        </button>
      ) : null}
    </header>
  );
}
