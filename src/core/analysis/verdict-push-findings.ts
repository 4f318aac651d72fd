/**
 * What apsd's own client list supports saying, each finding naming its source (`apsctl status`,
 * the network interfaces). apsctl says whether apsd holds a courier and how each client stands;
 * it is read every few minutes, so "stuck" means "in the same status at every read since".
 */
import type { PushClients } from '../../shared/push-clients';
import { clientLabel, courierConnected, mdmPushStatus } from '../../shared/service-rows';
import { formatDuration } from '../../shared/format';
import type { Finding } from './verdict-findings';

/** A client in Missing token or Not connected this long is named. */
const STUCK_CLIENT_MS = 30 * 60_000;

const FROM_APSCTL = '(source: apsctl status)';

export function pushClientFindings(
  push: PushClients | undefined,
  networkUp: boolean | null,
  platform: string,
  now: Date,
): Finding[] {
  if (!push || push.status === 'skipped' || push.status === 'starting') return [];
  if (push.status !== 'ok')
    // Off a Mac there is no apsctl to miss; on one, the rest of the verdict stands without it.
    return platform === 'darwin'
      ? [
          {
            level: 'ok',
            headline: null,
            reason: `apsd's push clients not read (apsctl status ${push.status})`,
          },
        ]
      : [];
  const found: Finding[] = [];
  const courier = courierConnected(push);
  if (courier === false && networkUp === true) {
    const text = "apsd is not connected to Apple's push server, though this Mac's network is up";
    found.push({
      level: 'watch',
      headline: text,
      reason: `${text} (source: apsctl status; network interfaces)`,
    });
  }
  const mdm = mdmPushStatus(push);
  if (courier === true && mdm.state === 'not-connected')
    found.push({
      level: 'watch',
      headline:
        'Device management push is not connected: device management commands may not reach this Mac',
      reason: `Device management push ${mdm.text}, while apsd's courier is connected: device management commands may not reach this Mac ${FROM_APSCTL}`,
    });
  for (const client of push.clients) {
    if (client.statusKind !== 'missing-token' && client.statusKind !== 'not-connected') continue;
    const since = client.statusSince ? Date.parse(client.statusSince) : NaN;
    if (Number.isNaN(since) || now.getTime() - since < STUCK_CLIENT_MS) continue;
    const status = client.statusKind === 'missing-token' ? 'Missing token' : 'Not connected';
    found.push({
      level: 'ok',
      headline: null,
      reason: `${clientLabel(client)} has been "${status}" for ${formatDuration((now.getTime() - since) / 1000)} ${FROM_APSCTL}`,
    });
  }
  return found;
}
