/** One line for each thing macOS refused the app (unsigned notifications, a login item awaiting approval). */
import type { HostNotice } from '../../shared/ipc-contract';
import { useHostNotices } from '../hooks/use-host-notices';

export function HostNotices({ topics }: { topics?: readonly HostNotice['topic'][] }) {
  const notices = useHostNotices().filter((notice) => !topics || topics.includes(notice.topic));
  if (!notices.length) return null;
  return (
    <div className="banner banner-notice" role="status" data-testid="host-notices">
      {notices.map((notice) => (
        <p key={notice.topic} data-topic={notice.topic}>
          {notice.text}
        </p>
      ))}
    </div>
  );
}
