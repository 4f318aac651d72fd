/**
 * The one table that names a push topic or client port in words a person recognises. Every row
 * cites its source in docs/sources.md ("Push topics and services") with how sure it is. A topic
 * no row matches is shown as it is, never guessed.
 */

export type Sureness = 'code' | 'stated' | 'inferred';

interface ServiceRow {
  /** Exact topic or port, or a prefix ending in `.` or `*`. */
  match: { exact: string } | { prefix: string } | { pattern: RegExp };
  service: string;
  sure: Sureness;
  /** Short source name, as in docs/sources.md. */
  source: string;
  /** The topic carries an app's bundle id or a web site: which apps a person uses. */
  private?: boolean;
  /** Device management: judged apart (MDM not connected), counted apart in the metrics. */
  mdm?: boolean;
}

const PUSH_SERVICES: readonly ServiceRow[] = [
  {
    match: { exact: 'com.apple.madrid' },
    service: 'iMessage',
    sure: 'code',
    source: 'pushproxy, rustpush, iLEAPP',
  },
  {
    match: { exact: 'com.apple.private.alloy.sms' },
    service: 'Text Message Forwarding',
    sure: 'code',
    source: 'rustpush, iLEAPP',
  },
  {
    match: { exact: 'com.apple.ess' },
    service: 'FaceTime',
    sure: 'code',
    source: 'rustpush, pypush, iLEAPP',
  },
  {
    match: { exact: 'com.apple.private.alloy.facetime.multi' },
    service: 'Group FaceTime',
    sure: 'code',
    source: 'rustpush, iLEAPP',
  },
  {
    match: { exact: 'com.apple.private.ac' },
    service: 'Phone calls on the Mac',
    sure: 'code',
    source: 'iLEAPP',
  },
  {
    match: { exact: 'com.apple.private.ids' },
    service: "Apple's identity service (iMessage, FaceTime)",
    sure: 'code',
    source: 'rustpush',
  },
  {
    match: { exact: 'com.apple.private.alloy.willow' },
    service: 'Home',
    sure: 'code',
    source: 'pypush, iLEAPP',
  },
  {
    match: { exact: 'com.apple.private.alloy.bulletinboard' },
    service: 'Notification sync',
    sure: 'code',
    source: 'pypush, iLEAPP',
  },
  {
    match: { prefix: 'com.apple.private.alloy.' },
    service: 'Identity-service feature (Continuity, Find My, Screen Time...)',
    sure: 'code',
    source: 'pypush, iLEAPP',
  },
  {
    match: { exact: 'com.apple.mobileme.fmip' },
    service: 'Find My (this Mac)',
    sure: 'code',
    source: 'pushproxy',
  },
  {
    match: { exact: 'com.apple.mobileme.fmf1' },
    service: 'Find My Friends',
    sure: 'code',
    source: 'pushproxy',
  },
  {
    match: { prefix: 'com.apple.icloud-container.' },
    service: 'iCloud (CloudKit) for an app',
    sure: 'code',
    source: 'rustpush; WWDC22 10119',
    private: true,
  },
  {
    match: { prefix: 'com.apple.mgmt.' },
    service: "Device management (your organisation's MDM)",
    sure: 'stated',
    source: 'Apple device-management schema',
    mdm: true,
  },
  {
    match: { exact: 'com.apple.aps.mdmclient.daemon.push.production' },
    service: 'Device management (device channel)',
    sure: 'stated',
    source: 'Der Flounder 2026',
    mdm: true,
  },
  {
    match: { exact: 'com.apple.aps.mdmclient.agent.push.production' },
    service: 'Device management (user channel)',
    sure: 'stated',
    source: 'Der Flounder 2026',
    mdm: true,
  },
  {
    match: { pattern: /^com\.apple\.aps\.mdmclient\./ },
    service: 'Device management',
    sure: 'inferred',
    source: 'Der Flounder 2026 (other environments)',
    mdm: true,
  },
  {
    match: { prefix: 'web.' },
    service: 'Safari push from a web site (legacy)',
    sure: 'stated',
    source: 'Apple Safari push docs',
    private: true,
  },
  {
    match: { pattern: /^\S+ https?:\/\/\S+$/ },
    service: 'Safari web push',
    sure: 'code',
    source: 'WebKit PushSubscriptionIdentifier.cpp',
    private: true,
  },
  {
    match: { exact: 'com.apple.gamed' },
    service: 'Game Center',
    sure: 'inferred',
    source: 'the name only',
  },
  {
    match: { exact: 'com.apple.itunesstored' },
    service: 'App Store',
    sure: 'inferred',
    source: 'the name only',
  },
  {
    match: { prefix: 'com.me.' },
    service: 'Older iCloud services',
    sure: 'inferred',
    source: 'the name only',
  },
];

export interface NamedTopic {
  /** What a person recognises, or null: show the topic as it is. */
  service: string | null;
  sure: Sureness | null;
  source: string | null;
  mdm: boolean;
  /**
   * Reveals which apps or sites a person uses: redacted in a report unless --keep-private.
   * A topic no row names is private too (it is most often an app's bundle id).
   */
  private: boolean;
}

function matches(row: ServiceRow, topic: string): boolean {
  const { match } = row;
  if ('exact' in match) return topic === match.exact;
  if ('prefix' in match)
    return topic.startsWith(match.prefix) && topic.length > match.prefix.length;
  return match.pattern.test(topic);
}

/** The first row (most specific first) that names this topic or port. */
export function nameTopic(topic: string): NamedTopic {
  const row = PUSH_SERVICES.find((candidate) => matches(candidate, topic));
  if (!row) return { service: null, sure: null, source: null, mdm: false, private: true };
  return {
    service: row.service,
    sure: row.sure,
    source: row.source,
    mdm: row.mdm ?? false,
    private: row.private ?? false,
  };
}

/** The MDM topic's UUID names the organisation's push certificate: kept out of shared text. */
export function redactTopic(topic: string, index: number): string {
  const named = nameTopic(topic);
  if (named.mdm && topic.startsWith('com.apple.mgmt.'))
    return topic.replace(/^(com\.apple\.mgmt\.[^.]+\.).+$/, '$1<id>');
  if (!named.private) return topic;
  if (topic.startsWith('com.apple.icloud-container.'))
    return `com.apple.icloud-container.<app-${index}>`;
  return `<private-topic-${index}>`;
}
