/**
 * Reads `apsctl status` by its labels and indentation, never by columns: admins' scripts that
 * matched one fixed line broke when the layout changed in macOS 14.2. Built from Apple's format
 * strings and the lines admins' scripts match (docs/sources.md, "Push clients"); no real capture
 * has been found, so every label it does not know is counted, never fatal, and every line is
 * either read or counted as not read. Tokens are never kept: a client says only yes or no.
 */
import type {
  ClientStatusKind,
  PushClient,
  PushEnvironment,
  PushTopic,
  TopicList,
} from '../../shared/push-clients';
import { scrubTokens, tokenPresence } from './scrub-tokens';

export interface ApsctlReading {
  daemonStatus: string | null;
  daemonStartedAt: string | null;
  environments: PushEnvironment[];
  clients: PushClient[];
  linesRead: number;
  linesNotRead: number;
  /** 1-based line number of the first line not read (its text is not kept: it may be private). */
  firstNotReadLine: number | null;
  unknownLabels: Record<string, number>;
  /** At least one daemon, environment or client label was read: this looked like apsctl. */
  recognised: boolean;
}

/** Bounds against junk: beyond these, lines are counted as not read. */
const MAX_CLIENTS = 1000;
const MAX_TOPICS_PER_CLIENT = 500;
const MAX_UNKNOWN_LABELS = 50;
const MAX_VALUE = 200;
const MAX_LABEL = 60;
const OTHER_LABELS = '(other labels)';

const TOPIC_LISTS: Record<string, TopicList> = {
  'enabled topics': 'enabled',
  'opportunistic topics': 'opportunistic',
  'nonwaking topics': 'nonwaking',
  'ignored topics': 'ignored',
  'disabled topics': 'disabled',
};
const SINGLE_TOPIC_LISTS: Record<string, TopicList> = {
  'ignored topic': 'ignored',
  'disabled topic': 'disabled',
};
const TOPIC_FLAGS = ['push-to-wake', 'dark-wake'] as const;
/** Labels read and used nowhere else (counts and rates a person does not need). */
const READ_ONLY_LABELS = new Set([
  'persistent connection created',
  'ipc messages sent',
  'ipc messages acknowledged',
  'ipc messages sent/acknowledged',
  'ipc delivery success rate',
]);
const LAST_PUSH_LABELS = new Set([
  'last push notification',
  'last incoming push notification',
  'last incoming push',
  'last full wake incoming push',
]);

/** Connection status wordings from Apple's format strings, most specific first. */
const STATUS_WORDINGS: [RegExp, ClientStatusKind][] = [
  [/^ok\b/i, 'ok'],
  [/^waiting for push/i, 'waiting'],
  [/^no listening topics/i, 'no-topics'],
  [/^missing token/i, 'missing-token'],
  [/^not connected to service/i, 'not-connected'],
  [/^user not connected/i, 'user-not-connected'],
  [/^unregistered port/i, 'unregistered'],
  [/^no eligible topics/i, 'no-eligible-topics'],
];

export function classifyClientStatus(value: string | null): ClientStatusKind {
  if (value === null || value.trim() === '') return 'not-shown';
  const text = value.trim();
  return STATUS_WORDINGS.find(([pattern]) => pattern.test(text))?.[1] ?? 'other';
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * `Nov 3, 2023 at 10:11:12 AM (3 minutes ago)` (the format admins' scripts parse; the spaces may
 * be Unicode ones) in this machine's time zone, or `2023-11-03 10:11:12 +0000`. Null otherwise.
 */
export function parseApsctlDate(value: string): string | null {
  const text = value.replace(/[\s\u00a0\u202f\u2009]+/g, ' ').trim();
  const written =
    /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})(?:,? at|,)? (\d{1,2}):(\d{2})(?::(\d{2}))? ?([AaPp][Mm])?/.exec(
      text,
    );
  if (written) {
    const month = MONTHS.indexOf(written[1]!.slice(0, 3).toLowerCase());
    let hour = Number(written[4]);
    const half = written[7]?.toLowerCase();
    if (half === 'pm' && hour < 12) hour += 12;
    if (half === 'am' && hour === 12) hour = 0;
    const date = new Date(
      Number(written[3]),
      month,
      Number(written[2]),
      hour,
      Number(written[5]),
      Number(written[6] ?? 0),
    );
    return month >= 0 && hour < 24 && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
  }
  const iso = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.\d+)? ?(Z|[+-]\d{2}:?\d{2})?/.exec(
    text,
  );
  if (iso) {
    const zone = iso[3]
      ? iso[3] === 'Z'
        ? 'Z'
        : iso[3].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2')
      : '';
    const date = new Date(`${iso[1]}T${iso[2]}${zone}`);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  return null;
}

/** Every value kept passes here: tokens scrubbed, bounded, trimmed. */
function keep(value: string): string {
  // Cut first and a token could be cut below the scrubber's threshold: an over-long value goes whole.
  if (value.length > MAX_VALUE * 4) return '[value too long]';
  return scrubTokens(value.trim()).slice(0, MAX_VALUE);
}

function indentOf(line: string): number {
  let width = 0;
  for (const char of line) {
    if (char === ' ') width += 1;
    else if (char === '\t') width += 4;
    else break;
  }
  return width;
}

/** A bare topic name on its own line inside a topics list (bundle id, maybe a web push scope). */
const BARE_TOPIC = /^"?([A-Za-z0-9][\w.-]*[\w-](?: https?:\/\/[^\s"]+)?)"?,?$/;
/** Blank lines, rules and brackets: layout, read as such. */
const FRAMING = /^(?:[-=*_ ]*|[()[\]{}],?)$/;

interface ClientDraft extends PushClient {
  headIndent: number;
  /** Indentation of the last topic line, so its `status:` is told from the client's. */
  lastTopic: (PushTopic & { indent: number }) | null;
  list: TopicList;
  fieldsRead: number;
}

interface EnvironmentDraft extends PushEnvironment {
  indent: number;
  unknownInside: number;
  saysNotConnected: boolean;
}

export function parseApsctlStatus(text: string): ApsctlReading {
  const environments: EnvironmentDraft[] = [];
  const clients: ClientDraft[] = [];
  const unknownLabels: Record<string, number> = {};
  let daemonStatus: string | null = null;
  let daemonStartedAt: string | null = null;
  let linesRead = 0;
  let linesNotRead = 0;
  let firstNotReadLine: number | null = null;
  let recognised = false;
  let environment: EnvironmentDraft | null = null;
  let client: ClientDraft | null = null;

  const lines = text.split(/\r?\n/);
  // A trailing newline is not a line.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();

  const notRead = (index: number) => {
    linesNotRead += 1;
    firstNotReadLine ??= index + 1;
  };
  const unknown = (index: number, label: string) => {
    notRead(index);
    if (environment && !client) environment.unknownInside += 1;
    const name = keep(label);
    const key =
      name in unknownLabels || Object.keys(unknownLabels).length < MAX_UNKNOWN_LABELS
        ? name
        : OTHER_LABELS;
    unknownLabels[key] = (unknownLabels[key] ?? 0) + 1;
  };
  const openClient = (indent: number): ClientDraft | null => {
    if (clients.length >= MAX_CLIENTS) return null;
    const draft: ClientDraft = {
      portName: null,
      process: null,
      environment: environment?.name ?? null,
      statusKind: 'not-shown',
      status: null,
      user: null,
      hasToken: null,
      topics: [],
      lastPushAt: null,
      lastPushTopic: null,
      pushCount: null,
      statusSince: null,
      headIndent: indent,
      lastTopic: null,
      list: 'enabled',
      fieldsRead: 0,
    };
    clients.push(draft);
    return draft;
  };

  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index]!;
    const indent = indentOf(raw);
    const line = raw.trim();
    // Leaving a block: a line less indented than the block's head closes it.
    if (line !== '' && client && indent < client.headIndent) client = null;
    if (line !== '' && environment && indent < environment.indent) {
      environment = null;
      client = null;
    }
    if (FRAMING.test(line)) {
      linesRead += 1;
      continue;
    }
    const flag = TOPIC_FLAGS.find((name) => line.toLowerCase() === name);
    if (flag && client?.lastTopic) {
      client.lastTopic.flags.push(flag);
      linesRead += 1;
      continue;
    }
    const bare = BARE_TOPIC.exec(line);
    // A bare run that is a token is no topic: counted as not read.
    if (bare && client && !line.includes(': ') && keep(bare[1]!) === bare[1]) {
      if (addTopic(client, bare[1]!, client.list, indent)) linesRead += 1;
      else notRead(index);
      continue;
    }
    const colon = line.indexOf(':');
    const label = colon > 0 ? line.slice(0, colon).trim().toLowerCase().replace(/\s+/g, ' ') : '';
    if (label === '' || label.length > MAX_LABEL || !/^[a-z][a-z0-9 /_()'.-]*$/.test(label)) {
      notRead(index);
      continue;
    }
    const value = line.slice(colon + 1).trim();
    let read = true;
    switch (label) {
      case 'daemon status':
        daemonStatus = value ? keep(value) : daemonStatus;
        recognised = true;
        break;
      case 'startup time':
      case 'daemon startup time':
        daemonStartedAt = parseApsctlDate(value);
        recognised = true;
        break;
      case 'connection environment':
        environment = {
          name: keep(value) || 'unnamed',
          courier: null,
          connected: null,
          indent,
          unknownInside: 0,
          saysNotConnected: false,
        };
        environments.push(environment);
        client = null;
        recognised = true;
        break;
      case 'server hostname':
      case 'connected to server hostname':
      case 'courier hostname':
        if (environment && value) environment.courier = keep(value);
        else read = environment !== null;
        break;
      case 'application port name':
        client = openClient(indent);
        if (client) client.portName = keep(value);
        else read = false;
        recognised = true;
        break;
      case 'process':
        // Under a port-name client it is a field; level with a client that has fields, a new client.
        if (
          client &&
          client.process === null &&
          (indent > client.headIndent || client.fieldsRead === 0)
        )
          client.process = keep(value);
        else {
          client = openClient(indent);
          if (client) client.process = keep(value);
          else read = false;
        }
        recognised = true;
        break;
      default:
        read = client
          ? readClientField(client, label, value, indent)
          : readEnvironmentField(environment, label, value);
        if (read && client) client.fieldsRead += 1;
    }
    if (read) linesRead += 1;
    else unknown(index, label);
  }

  for (const draft of environments) {
    // A block read in full that names no courier says "not connected"; one with unread labels
    // proves nothing (the courier may sit under a label this reader does not know).
    draft.connected = draft.courier
      ? true
      : draft.saysNotConnected || draft.unknownInside === 0
        ? false
        : null;
  }
  return {
    daemonStatus,
    daemonStartedAt,
    environments: environments.map(({ name, courier, connected }) => ({
      name,
      courier,
      connected,
    })),
    clients: clients.map((draft) => {
      const {
        headIndent: _head,
        lastTopic: _last,
        list: _list,
        fieldsRead: _fields,
        ...kept
      } = draft;
      return {
        ...kept,
        topics: kept.topics.map(({ name, list, status, flags }) => ({ name, list, status, flags })),
      };
    }),
    linesRead,
    linesNotRead,
    firstNotReadLine,
    unknownLabels,
    recognised,
  };
}

function readEnvironmentField(
  environment: EnvironmentDraft | null,
  label: string,
  value: string,
): boolean {
  if (!environment) return false;
  if (
    label === 'persistent connection status' ||
    label === 'connection status' ||
    label === 'status'
  ) {
    if (/not connected|disconnected|offline/i.test(value)) environment.saysNotConnected = true;
    return true;
  }
  return false;
}

function readClientField(
  client: ClientDraft,
  label: string,
  value: string,
  indent: number,
): boolean {
  const list = TOPIC_LISTS[label];
  if (list) {
    client.list = list;
    client.lastTopic = null;
    // An inline list: `enabled topics: a, b` (an opening bracket alone leaves the lines below).
    for (const name of value.replace(/^[([{]|[)\]}]$/g, '').split(','))
      if (name.trim().replace(/"/g, ''))
        addTopic(client, name.trim().replace(/"/g, ''), list, indent);
    return true;
  }
  const single = SINGLE_TOPIC_LISTS[label];
  if (single) {
    return value === '' || addTopic(client, value, single, indent);
  }
  if (label === 'topic') return value !== '' && addTopic(client, value, client.list, indent);
  if (label === 'status' && client.lastTopic && client.lastTopic.status === null) {
    const flags = TOPIC_FLAGS.filter((flag) => value.toLowerCase().includes(flag));
    client.lastTopic.flags.push(...flags.filter((flag) => !client.lastTopic!.flags.includes(flag)));
    let status = value;
    for (const flag of TOPIC_FLAGS) status = status.replace(new RegExp(flag, 'gi'), '');
    client.lastTopic.status = keep(status.replace(/[\s,;]+$/, '').replace(/^[\s,;]+/, '')) || null;
    return true;
  }
  if (label === 'persistent connection status' || (label === 'status' && client.status === null)) {
    client.status = value ? keep(value) : null;
    client.statusKind = classifyClientStatus(client.status);
    return true;
  }
  if (label === 'user') {
    client.user = value ? keep(value) : null;
    return true;
  }
  if (label === 'token' || label === 'push token') {
    client.hasToken = tokenPresence(value);
    return true;
  }
  if (LAST_PUSH_LABELS.has(label)) {
    // The first of these named wins; a later, more specific one fills only what is missing.
    client.lastPushAt ??= parseApsctlDate(value);
    return true;
  }
  if (label === 'last push notification topic' || label === 'last push topic') {
    client.lastPushTopic = value ? keep(value) : null;
    return true;
  }
  if (label === 'push notifications' || label === 'push notifications received') {
    const count = /^\d+/.exec(value);
    client.pushCount = count ? Number(count[0]) : null;
    return true;
  }
  return READ_ONLY_LABELS.has(label);
}

/** False when the client already holds as many topics as the bound allows. */
function addTopic(client: ClientDraft, name: string, list: TopicList, indent: number): boolean {
  if (client.topics.length >= MAX_TOPICS_PER_CLIENT) return false;
  const topic = { name: keep(name), list, status: null, flags: [] as string[], indent };
  client.topics.push(topic);
  client.lastTopic = topic;
  return true;
}
