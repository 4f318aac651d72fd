/** The dashboard link's state when it is not healthy: why it dropped and when it retries. */
import { useEffect, useState, type ReactNode } from 'react';
import { useServices } from '../hooks/app-context';
import { useConnectionStatus } from '../hooks/use-stores';

function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export function ConnectionBanner() {
  const { client } = useServices();
  const status = useConnectionStatus();
  const seconds = useSecondsUntil(status.retryAt);
  const showing =
    status.state === 'disconnected' || (status.state === 'connecting' && status.everConnected);
  if (!showing) return null;

  let message: ReactNode;
  if (status.state === 'connecting') message = 'Reconnecting to apsd-watch…';
  else if (!status.everConnected) {
    message = (
      <>
        Cannot reach apsd-watch. Is <code>apsd-watch serve</code> still running? Open the link it
        printed: it carries the access token.
      </>
    );
  } else message = `Disconnected: ${status.detail ?? 'the connection was lost'}.`;

  return (
    <div
      className="banner banner-disconnected"
      role="status"
      data-testid="connection-status"
      data-state={status.state}
    >
      <p>
        {message}
        {status.state === 'disconnected' && seconds !== null ? (
          <span className="banner-retry"> Retrying in {seconds} s.</span>
        ) : null}
      </p>
      {status.state === 'disconnected' ? (
        <button type="button" className="button small" onClick={() => client.retryNow()}>
          Retry now
        </button>
      ) : null}
    </div>
  );
}
