/**
 * Notifications pushed by the host, shown in the page (the dashboard has no native ones; the
 * popover shows them too, as the user may open it after the native one faded).
 */
import { useServices } from '../hooks/app-context';
import { useNotifications } from '../hooks/use-stores';
import { formatClock } from '../../shared/format';
import { CloseIcon } from './icons';

const MAX_SHOWN = 2;

export function NotificationStack({ onShowAll }: { onShowAll: () => void }) {
  const { notifications } = useServices();
  const { received, dismissed } = useNotifications();
  const open = received.filter((notification) => !dismissed.has(notification.id));
  if (open.length === 0) return null;
  const extra = open.length - MAX_SHOWN;

  return (
    <section className="notifications" aria-label="Notifications">
      {open.slice(0, MAX_SHOWN).map((notification) => (
        <div
          key={notification.id}
          className="notification"
          data-testid="notification"
          data-kind={notification.kind}
          role={notification.kind === 'trust-failure' ? 'alert' : 'status'}
        >
          <div className="notification-text">
            <p className="notification-title">
              {notification.title}
              <time dateTime={notification.at}> · {formatClock(notification.at)}</time>
            </p>
            <p className="notification-body">{notification.body}</p>
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label={`Dismiss: ${notification.title}`}
            onClick={() => notifications.dismiss(notification.id)}
          >
            <CloseIcon />
          </button>
        </div>
      ))}
      {extra > 0 ? (
        <button type="button" className="link-button" onClick={onShowAll}>
          {extra} more in Warnings
        </button>
      ) : null}
    </section>
  );
}
