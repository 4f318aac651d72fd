/**
 * Redaction for the diagnostic report: the Mac's own addresses, its host name and the user's name
 * become placeholders. Runs as the last pass over the finished text so nothing slips through.
 */
import { nameTopic, redactTopic } from '../../shared/push-services';
import type { Snapshot } from '../../shared/snapshot';

export interface PrivacyFacts {
  /** The Mac's host names, e.g. `Alices-MacBook-Pro.local` and `Alices-MacBook-Pro`. */
  hostnames: string[];
  /** Login names whose appearance (also inside `/Users/<name>`) is private. */
  usernames: string[];
  /** Every address of the Mac's own interfaces. */
  localAddresses: string[];
  homeDir: string;
}

/** Names that identify no one, and would mangle ordinary words if replaced. */
const NOT_PRIVATE_NAMES = new Set(['root', 'localhost', '']);
const UNSPECIFIED_ADDRESSES = new Set(['', '*', '0.0.0.0', '::', '::0']);

interface Term {
  pattern: RegExp;
  placeholder: string;
}

/** Builds the redactor for these facts plus every local endpoint in the snapshot. */
export function createRedactor(
  privacy: PrivacyFacts,
  snapshot: Snapshot | null,
): (text: string) => string {
  const terms: Term[] = [];
  // A home like /Users/alice is covered by the user name (-> /Users/<user>); an unusual one is not.
  const home = privacy.homeDir.replace(/\/+$/, '');
  const homeHoldsName = privacy.usernames.some((name) => name && wordPattern(name).test(home));
  if (home.length > 1 && home !== '/var/root' && !homeHoldsName)
    terms.push({
      pattern: new RegExp(`${escape(home)}(?![A-Za-z0-9._-])`, 'g'),
      placeholder: '<home>',
    });

  const addresses = unique([
    ...privacy.localAddresses.map(bareAddress),
    ...(snapshot?.connections.items ?? []).map((connection) => endpointAddress(connection.local)),
  ]).filter((address) => !UNSPECIFIED_ADDRESSES.has(address));
  addresses.forEach((address, index) =>
    terms.push({ pattern: addressPattern(address), placeholder: `<local-ip-${index + 1}>` }),
  );

  // Topics and client names that carry an app's bundle id, a web site or the MDM's id.
  for (const [name, placeholder] of privatePushNames(snapshot))
    terms.push({ pattern: new RegExp(`(?<![\\w.-])${escape(name)}(?![\\w.-])`, 'g'), placeholder });

  for (const name of byLengthDescending(privacy.hostnames))
    if (!NOT_PRIVATE_NAMES.has(name.toLowerCase()))
      terms.push({ pattern: wordPattern(name), placeholder: '<host>' });
  for (const name of byLengthDescending(privacy.usernames))
    if (!NOT_PRIVATE_NAMES.has(name.toLowerCase()))
      terms.push({ pattern: wordPattern(name), placeholder: '<user>' });

  return (text: string) => {
    // Each hit becomes a private-use sentinel first, so a placeholder is never itself rescanned
    // (a user named "host" must not turn "<host>" into "<<user>>").
    let working = text;
    terms.forEach((term, index) => {
      working = working.replace(term.pattern, sentinel(index));
    });
    return working.replace(
      /\uE000(\d+)\uE001/g,
      (_, index: string) => terms[Number(index)]!.placeholder,
    );
  };
}

function sentinel(index: number): string {
  return `\uE000${index}\uE001`;
}

/** `192.168.1.20:50123` / `[fe80::1%en0]:50123` -> the address without port, brackets or zone. */
export function endpointAddress(endpoint: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(endpoint);
  if (bracketed) return bareAddress(bracketed[1]!);
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(endpoint);
  if (v4) return v4[1]!;
  return bareAddress(endpoint);
}

function bareAddress(address: string): string {
  return address.replace(/%.*$/, '').toLowerCase();
}

/** An address not embedded in a longer one; IPv4 may follow `::ffff:` and precede `.port`. */
function addressPattern(address: string): RegExp {
  if (address.includes(':'))
    return new RegExp(`(?<![0-9A-Fa-f:])${escape(address)}(?![0-9A-Fa-f:])`, 'gi');
  return new RegExp(`(?<![0-9.])${escape(address)}(?![0-9])`, 'g');
}

/** A name not inside a longer word, any case. */
function wordPattern(name: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9])${escape(name)}(?![A-Za-z0-9])`, 'gi');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function byLengthDescending(values: string[]): string[] {
  return unique(values).sort((a, b) => b.length - a.length);
}

/**
 * Each private topic or client name in the snapshot with its placeholder, longest first (so a
 * topic is replaced before a shorter one inside it). Client names count only when they look like
 * a bundle id: a daemon's bare name (`imagent`) tells nothing about the person.
 */
function privatePushNames(snapshot: Snapshot | null): [string, string][] {
  const push = snapshot?.pushClients;
  const names = new Set<string>();
  for (const client of push?.clients ?? []) {
    for (const topic of client.topics) names.add(topic.name);
    if (client.lastPushTopic) names.add(client.lastPushTopic);
    for (const id of [client.portName, client.process]) if (id && id.includes('.')) names.add(id);
  }
  for (const topic of snapshot?.logs.topics?.byTopic ?? []) names.add(topic.topic);
  const pairs: [string, string][] = [];
  let index = 0;
  for (const name of byLengthDescending([...names])) {
    if (!nameTopic(name).private && !nameTopic(name).mdm) continue;
    const placeholder = redactTopic(name, (index += 1));
    if (placeholder !== name) pairs.push([name, placeholder]);
  }
  return pairs;
}
