/** The daemon itself and the spike detector's numbers, as a grouped key/value list. */
import type { Snapshot } from '../../shared/snapshot';
import { formatAgo, formatClock, formatCount, formatDuration } from '../../shared/format';

function uptime(snapshot: Snapshot): string {
  const { daemon, takenAt } = snapshot;
  if (!daemon.running) return 'not running';
  const parts = [daemon.pid === null ? 'pid unknown' : `pid ${daemon.pid}`];
  if (daemon.startedAt) {
    const seconds = (Date.parse(takenAt) - Date.parse(daemon.startedAt)) / 1000;
    parts.push(`up ${formatDuration(seconds)}`);
  }
  return parts.join(' · ');
}

/** Why the detector is or is not alerting, in one line. */
function spikeText(snapshot: Snapshot): string {
  const { spike, takenAt } = snapshot;
  const usual =
    spike.baselineSamples === 0
      ? 'no usual level learned yet'
      : `usual level ${formatCount(spike.baseline)}`;
  const parts = [`${usual}, alerts above ${formatCount(spike.threshold)}`];
  if (spike.active && spike.since)
    parts.unshift(`spiking since ${formatClock(spike.since, takenAt)}`);
  if (spike.mutedUntil)
    parts.push(`muted after wake until ${formatClock(spike.mutedUntil, takenAt)}`);
  else if (spike.quietReason === 'cooldown' && spike.cooldownUntil) {
    parts.push(`no new alert before ${formatClock(spike.cooldownUntil, takenAt)} (cooldown)`);
  }
  return parts.join('; ');
}

export function DaemonFacts({ snapshot }: { snapshot: Snapshot }) {
  const { daemon, connections, takenAt } = snapshot;
  return (
    <section className="group" aria-labelledby="daemon-facts-title">
      <h2 id="daemon-facts-title" className="group-title">
        Daemon
      </h2>
      <dl className="facts" data-testid="daemon-facts">
        <div>
          <dt>{daemon.name}</dt>
          <dd data-testid="daemon-uptime" data-running={daemon.running}>
            {uptime(snapshot)}
          </dd>
        </div>
        {daemon.restartedAt ? (
          <div>
            <dt>Restarted</dt>
            <dd>
              {formatClock(daemon.restartedAt, takenAt)} ({formatAgo(daemon.restartedAt, takenAt)})
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Reconnects</dt>
          <dd data-testid="reconnects-per-hour">
            {connections.newPerHour === null
              ? 'measuring…'
              : `${connections.newPerHour.toFixed(connections.newPerHour < 10 ? 1 : 0)} new connections per hour`}
          </dd>
        </div>
        <div>
          <dt>Spike detector</dt>
          <dd>{spikeText(snapshot)}</dd>
        </div>
      </dl>
    </section>
  );
}
