/**
 * apsd's client list as rows a person reads: one per service (a client's topic, or the client
 * itself when it names none), with whether it is connected and its last push. The CLI's
 * `services`, the popover's Services view, the explainer and the report all render these rows.
 */
import type { ClientStatusKind, PushClient, PushClients, TopicPushes } from './push-clients';
import { nameTopic, type Sureness } from './push-services';

export interface ServiceRow {
  /** What a person recognises, or null: the topic is shown as it is. */
  service: string | null;
  /** The raw topic (or the client's port name or process when it names no topic). */
  topic: string;
  /** The client that enabled it (port name or process). */
  client: string;
  /** true: connected; false: not connected (missing token, not connected...); null: not said. */
  connected: boolean | null;
  statusKind: ClientStatusKind;
  /** As apsctl printed it, for the hover. */
  status: string | null;
  lastPushAt: string | null;
  /** From log lines naming the topic; null when no log line was read for it. */
  pushes24h: number | null;
  sure: Sureness | null;
  mdm: boolean;
  private: boolean;
}

const CONNECTED: Partial<Record<ClientStatusKind, boolean>> = {
  ok: true,
  waiting: true,
  'no-topics': true,
  'no-eligible-topics': true,
  'missing-token': false,
  'not-connected': false,
  'user-not-connected': false,
  unregistered: false,
};

function clientName(client: PushClient): string {
  return client.portName ?? client.process ?? 'unnamed client';
}

function lastPushOf(client: PushClient, topic: string | null): string | null {
  if (topic === null || client.lastPushTopic === topic) return client.lastPushAt;
  // A client with one topic: its last push was on it, whatever the topic line said.
  return client.topics.length === 1 && client.lastPushTopic === null ? client.lastPushAt : null;
}

export function serviceRows(
  push: PushClients,
  fromLogs: readonly TopicPushes[] = [],
): ServiceRow[] {
  const logged = new Map(fromLogs.map((t) => [t.topic, t]));
  const rows: ServiceRow[] = [];
  for (const client of push.clients) {
    const topics = client.topics.filter((t) => t.list !== 'ignored' && t.list !== 'disabled');
    const entries = topics.length ? topics.map((t) => t.name) : [null];
    for (const topic of entries) {
      const shown = topic ?? clientName(client);
      const named = nameTopic(shown);
      const fromClient = topic ? nameTopic(clientName(client)) : named;
      const log = logged.get(shown);
      const logLast = log?.lastAt ?? null;
      const apsLast = lastPushOf(client, topic);
      rows.push({
        // An MDM topic under an MDM port: the port says which channel (device or user).
        service:
          named.mdm && fromClient.mdm
            ? fromClient.service
            : (named.service ?? (topic ? null : fromClient.service)),
        topic: shown,
        client: clientName(client),
        connected: CONNECTED[client.statusKind] ?? null,
        statusKind: client.statusKind,
        status: client.status,
        lastPushAt:
          [apsLast, logLast]
            .filter((t): t is string => t !== null)
            .sort()
            .at(-1) ?? null,
        pushes24h: log ? log.last24h : null,
        sure: named.sure,
        mdm: named.mdm || fromClient.mdm,
        private: named.private,
      });
    }
  }
  return rows;
}

/** "production: connected to 22-courier.push.apple.com; development: not connected". */
export function courierText(push: PushClients): string {
  if (push.environments.length === 0) return 'apsctl named no connection environment';
  return push.environments
    .map((env) =>
      env.connected === true
        ? `${env.name}: connected to ${env.courier}`
        : env.connected === false
          ? `${env.name}: not connected`
          : `${env.name}: not said (a label there was not read)`,
    )
    .join('; ');
}

/** The one line shown instead of a list when apsctl could not be read: never an empty list. */
export function notReadText(push: Pick<PushClients, 'status'>, detail: string | null): string {
  return `Push clients not read (${push.status}${detail ? `: ${detail}` : ''})`;
}

/** The name a person knows a client by: its service, else its port name or process. */
export function clientLabel(client: PushClient): string {
  const id = clientName(client);
  const service =
    nameTopic(id).service ?? client.topics.map((t) => nameTopic(t.name).service).find(Boolean);
  return service ? `${service} (${id})` : id;
}

/** MDM: its port name, or a device-management topic it has enabled. */
function isMdmClient(client: PushClient): boolean {
  return (
    nameTopic(clientName(client)).mdm ||
    client.topics.some((topic) => topic.list === 'enabled' && nameTopic(topic.name).mdm)
  );
}

/** Whether apsd holds a courier: true, false, or null when apsctl did not say. */
export function courierConnected(push: PushClients): boolean | null {
  if (push.environments.some((env) => env.connected === true)) return true;
  if (push.environments.length > 0 && push.environments.every((env) => env.connected === false))
    return false;
  return null;
}

export interface MdmPushStatus {
  state: 'connected' | 'not-connected' | 'no-mdm-client' | 'not-read';
  /** Newest last push among the MDM clients (ISO), null when none. */
  lastPushAt: string | null;
  /** One line for a person (Jamf attribute, CLI). */
  text: string;
}

/**
 * The MDM push channel in one word. Not connected when an MDM client says so (or lacks its
 * token); the user channel's "User not connected" is normal with nobody logged in, so it does
 * not count.
 */
export function mdmPushStatus(push: PushClients | undefined): MdmPushStatus {
  if (!push || push.status !== 'ok')
    return {
      state: 'not-read',
      lastPushAt: null,
      text: `not read (apsctl status ${push?.status ?? 'not run'})`,
    };
  const clients = push.clients.filter(isMdmClient);
  const lastPushAt =
    clients
      .map((c) => c.lastPushAt)
      .filter((t): t is string => t !== null)
      .sort()
      .at(-1) ?? null;
  if (clients.length === 0)
    return { state: 'no-mdm-client', lastPushAt, text: 'no MDM push client on this Mac' };
  const down = clients.filter(
    (c) => c.statusKind === 'not-connected' || c.statusKind === 'missing-token',
  );
  const last = lastPushAt ? `, last MDM push ${lastPushAt}` : ', no MDM push recorded';
  if (down.length)
    return {
      state: 'not-connected',
      lastPushAt,
      text: `not connected (${down.map((c) => `${clientName(c)}: ${c.status ?? c.statusKind}`).join('; ')})${last}`,
    };
  return { state: 'connected', lastPushAt, text: `connected${last}` };
}
