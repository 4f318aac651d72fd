/** The latest classified lines, newest first, as apsd wrote them. */
import type { LogEvent } from '../../shared/snapshot';
import { formatClock } from '../../shared/format';
import { LOG_KIND_TEXT } from '../../shared/log-kind-text';

export function RecentLines({ recent, now }: { recent: readonly LogEvent[]; now: string }) {
  const newestFirst = [...recent].reverse();
  return (
    <section className="group" aria-labelledby="recent-lines-title">
      <h2 id="recent-lines-title" className="group-title">
        Recent lines
      </h2>
      {newestFirst.length === 0 ? (
        <p className="group-empty">No apsd lines read yet.</p>
      ) : (
        <ol className="log-lines" data-testid="recent-lines">
          {newestFirst.map((event, index) => (
            <li
              key={`${event.time}|${index}`}
              className="log-line"
              data-testid="log-line"
              data-kind={event.kind}
              data-severity={LOG_KIND_TEXT[event.kind].severity}
            >
              <time dateTime={event.time}>{formatClock(event.time, now)}</time>
              <span className="log-process">
                {event.process}
                {event.pid === null ? '' : `[${event.pid}]`}
              </span>
              <span className="log-message mono">{event.message}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
