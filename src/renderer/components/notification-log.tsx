/** Every notification received while this page was open, including dismissed ones. */
import { useNotifications } from '../hooks/use-stores';
import { formatClock } from '../../shared/format';

export function NotificationLog() {
  const { received } = useNotifications();
  if (received.length === 0) return null;
  return (
    <section className="group" aria-labelledby="notification-log-title">
      <h2 id="notification-log-title" className="group-title">
        Notifications
      </h2>
      <ul className="notification-log">
        {received.map((notification) => (
          <li
            key={notification.id}
            data-testid="notification-log-item"
            data-kind={notification.kind}
          >
            <time dateTime={notification.at}>{formatClock(notification.at)}</time>
            <span className="notification-log-title">{notification.title}</span>
            <span className="notification-log-body">{notification.body}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
