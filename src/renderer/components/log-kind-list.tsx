/** One card per log kind: count, how often, when last, and what it means in one line. */
import type { LogSummary } from '../../shared/snapshot';
import { formatClock, formatCount } from '../../shared/format';
import { LOG_KIND_ORDER, LOG_KIND_TEXT, SEVERITY_WORDS } from '../../shared/log-kind-text';
import { describeSeen } from '../../shared/periodicity-text';

/** `notRead`: why no log line backs the counts; each kind then says "not read", never 0. */
export function LogKindList({
  logs,
  now,
  notRead = null,
}: {
  logs: LogSummary;
  now: string;
  notRead?: string | null;
}) {
  return (
    <section className="group" aria-labelledby="log-kinds-title">
      <h2 id="log-kinds-title" className="group-title">
        apsd log lines
        {logs.first ? (
          <span className="group-aside">since {formatClock(logs.first, now)}</span>
        ) : null}
      </h2>
      <ul className="kind-list">
        {LOG_KIND_ORDER.map((kind) => {
          const info = LOG_KIND_TEXT[kind];
          const count = logs.byKind[kind];
          const periodicity = logs.periodicity[kind];
          return (
            <li
              key={kind}
              className="kind"
              data-testid={`log-kind-${kind}`}
              data-severity={info.severity}
              data-count={count}
              data-seen={count > 0}
              data-read={notRead === null}
            >
              <div className="kind-head">
                <span className="kind-label">{info.label}</span>
                <span className="severity-chip" data-severity={info.severity}>
                  {SEVERITY_WORDS[info.severity]}
                </span>
                <span className="kind-count">
                  {notRead === null ? formatCount(count) : 'not read'}
                </span>
              </div>
              <p className="kind-meaning">{info.meaning}</p>
              {notRead !== null ? (
                kind === 'trust-failure' ? (
                  <p className="kind-when" data-testid="log-kind-not-read">
                    Not read: {notRead}. Trust failures cannot be ruled out.
                  </p>
                ) : null
              ) : count > 0 ? (
                <p className="kind-when" data-testid={`log-kind-${kind}-periodicity`}>
                  {describeSeen(periodicity, now)}
                </p>
              ) : kind === 'trust-failure' ? (
                <p className="kind-when">None seen.</p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
