/**
 * Realistic legacy macOS syslog lines (the `/var/log/system.log` of 10.9-10.11,
 * docs/sources.md#unified-log):
 * many processes' everyday chatter, apsd's own lines of every kind, other processes' lines that
 * merely mention apsd (which `grep apsd` counts and scan-logs must not), syslog repeats and
 * tab-indented continuation lines. A seeded generator, so every run builds the same files.
 */
import type { LogKind } from '../../src/shared/snapshot';

// Seeded, so every run builds the same files.
export { seededRandom } from '../../test/support/seeded-random';

type Pick = (n: number) => number;

const hex = (pick: Pick, digits: number) =>
  Array.from({ length: digits }, () => '0123456789abcdef'[pick(16)]).join('');

/** Everyday lines of other processes: `sender: message` (the part after the host). */
const CHATTER: readonly ((pick: Pick) => string)[] = [
  (p) =>
    `kernel[0]: Sandbox: mdworker(${300 + p(600)}) deny(1) file-read-data /private/var/db/mds/messages/se_SecurityMessages`,
  (p) =>
    `kernel[0]: IOThunderboltSwitch<0x${hex(p, 16)}>(0x0)::listenerCallback - Thunderbolt HPD packet for route = 0x0 port = ${p(12)} unplug = 0`,
  () => `kernel[0]: AirPort: Link Up on en0`,
  (p) => `kernel[0]: en0: BSSID changed to 00:1a:2b:${hex(p, 2)}:${hex(p, 2)}:${hex(p, 2)}`,
  (p) =>
    `kernel[0]: process Google Chrome He[${8000 + p(900)}] caught causing excessive wakeups. Observed wakeups rate (per sec): ${150 + p(400)}; Maximum permitted wakeups rate (per sec): 150; Observation period: 300 seconds; Task lifetime number: ${p(9)}`,
  (p) =>
    `com.apple.xpc.launchd[1] (com.apple.quicklook[${700 + p(90)}]): Endpoint has been activated through legacy launch(3) APIs. Please switch to XPC or bootstrap_check_in(): com.apple.quicklook`,
  (p) =>
    `com.apple.xpc.launchd[1] (com.apple.photomoments[${1000 + p(900)}]): Service only ran for ${p(9) + 1} seconds. Pushing respawn out by ${p(9) + 1} seconds.`,
  (p) =>
    `mDNSResponder[${60 + p(2)}]: mDNS_RegisterInterface: Frequent transitions for interface en0 (FE80:0000:0000:0000:1C2B:${hex(p, 4).toUpperCase()}:5E6F:7A8B)`,
  (p) => `configd[17]: network changed: v4(en0:192.168.1.${20 + p(200)}) DNS Proxy SMB`,
  (p) =>
    `WindowServer[${180 + p(10)}]: _CGXRemoveWindowFromWindowMovementGroup: window 0x${hex(p, 3)} is not attached to window 0x${hex(p, 3)}`,
  () =>
    `Google Chrome Helper[8812]: Internals of CFAllocator not known; out-of-memory failures via CFAllocator will not result in termination. http://crbug.com/45650`,
  (p) =>
    `Safari[${400 + p(90)}]: CoreAnimation: warning, deleted thread with uncommitted CATransaction; set CA_DEBUG_TRANSACTIONS=1 in environment to log backtraces.`,
  (p) =>
    `sharingd[${230 + p(9)}]: ${10 + p(13)}:${10 + p(49)}:${10 + p(49)}.${100 + p(899)} : Scanning mode Contacts Only`,
  (p) =>
    `com.apple.WebKit.WebContent[${900 + p(99)}]: <<<< CRABS >>>> crabsFlumeHostAvailable: [0x7f${hex(p, 10)}] Byte flume reports host available again.`,
  (p) => `timed[${90 + p(9)}]: settimeofday({0x${hex(p, 8)},0x${hex(p, 4)}}) == 0`,
  (p) => `mds[${70 + p(9)}]: (Normal) DiskStore: Rebuilding index for /Volumes/Backup ${p(9)}`,
  () => `UserEventAgent[43]: Captive: CNPluginHandler en0: Inactive`,
  (p) =>
    `powerd[${50 + p(9)}]: Sleep assertion created by Safari: PreventUserIdleSystemSleep id 0x${hex(p, 8)}`,
  (p) =>
    `Dropbox[${3000 + p(900)}]: ICUDatabase: database corrupted at offset ${p(99999)}; rebuilding the cache`,
  () => `syslogd[40]: ASL Sender Statistics`,
];

/** Other processes' lines that contain "apsd": grep counts them, scan-logs must not. */
const MENTIONS: readonly ((pid: number) => string)[] = [
  (pid) =>
    `kernel[0]: Sandbox: apsd(${pid}) deny(1) network-outbound /private/var/run/mDNSResponder`,
  (pid) =>
    `com.apple.xpc.launchd[1] (com.apple.apsd[${pid}]): Service only ran for 0 seconds. Pushing respawn out by 10 seconds.`,
];

/** apsd's own messages by the kind scan-logs must give them (checked by the unit test). */
const APSD_MESSAGES: readonly { kind: LogKind; text: (pick: Pick) => string }[] = [
  { kind: 'leaf-certificate', text: () => 'Unrecognized leaf certificate' },
  {
    kind: 'connection',
    text: (p) =>
      `<APSCourier: 0x7f${hex(p, 10)}> connected to courier ${1 + p(50)}-courier.push.apple.com (17.249.60.${p(250)})`,
  },
  {
    kind: 'connection',
    text: (p) =>
      `<APSCourier: 0x7f${hex(p, 10)}> disconnected from courier, reason: network change`,
  },
  { kind: 'other', text: (p) => `<APSCourier: 0x7f${hex(p, 10)}>: Setting darkWake to NO` },
  {
    kind: 'other',
    text: (p) =>
      `Topic com.apple.icloud-container.com.apple.${['notes', 'reminders', 'photos'][p(3)]} enabled`,
  },
];

/** The interception sequence in docs/sources.md#certificates, all trust failures. */
const TRUST_BURST = [
  'CFNetwork SSLHandshake failed (-9807)',
  'Failed to evaluate trust: No error. (0), result=5; retrying with revocation checking optional',
  'failed to evaluate trust: No error. (0), result=5; retrying with system roots',
  'Failed to evaluate trust: No error. (0), result=5',
  'Untrusted peer, closing connection immediately',
];

/** A stream error whose message continues on tab-indented lines, as CFNetwork errors do. */
const STREAM_ERROR = [
  'Stream error occurred for <APSTCPStream: 0x7f8a1c40b2f0>:',
  '\tError Domain=kCFErrorDomainCFNetwork Code=-1005',
  '\t"The network connection was lost."',
];

export interface Tally {
  /** Physical lines written. */
  lines: number;
  /** Lines that contain "apsd" anywhere: what `grep -c apsd` counts. */
  grepLines: number;
  /** Events scan-logs must find, by kind (a repeat counts as that many more events). */
  events: Record<LogKind, number>;
}

export function emptyTally(): Tally {
  return {
    lines: 0,
    grepLines: 0,
    events: { 'leaf-certificate': 0, 'trust-failure': 0, connection: 0, other: 0 },
  };
}

/** One syslog entry: a sender line (after the date and host), or several physical lines. */
export interface Entry {
  sender: string;
  /** Continuation lines (already tab-indented), printed without a prefix. */
  continuation: string[];
  /** `--- last message repeated N times ---` follows when N > 0. */
  repeats: number;
}

/** Per 10,000 entries: how often apsd speaks, and how often others mention it. */
const APSD_PER_10K = 40;
const MENTION_PER_10K = 5;
const TRUST_BURST_PER_10K = 0.3;
const STREAM_ERROR_PER_10K = 3;

/**
 * Picks the next entry and counts the events scan-logs must find in it. `apsdAllowed` false
 * (apsd already spoke this second) makes it someone else's, so no two apsd lines share a time.
 */
export function nextEntry(
  random: () => number,
  apsdPid: number,
  tally: Tally,
  apsdAllowed: boolean,
): Entry[] {
  const pick: Pick = (n) => Math.floor(random() * n);
  const roll = apsdAllowed ? random() * 10_000 : APSD_PER_10K + MENTION_PER_10K + random();
  const apsd = (message: string, kind: LogKind, repeats = 0): Entry => {
    tally.events[kind] += 1 + repeats;
    return { sender: `apsd[${apsdPid}]: ${message}`, continuation: [], repeats };
  };
  if (roll < TRUST_BURST_PER_10K)
    return TRUST_BURST.map((message) => apsd(message, 'trust-failure'));
  if (roll < TRUST_BURST_PER_10K + STREAM_ERROR_PER_10K) {
    const entry = apsd(STREAM_ERROR[0]!, 'connection');
    entry.continuation = STREAM_ERROR.slice(1);
    return [entry];
  }
  if (roll < APSD_PER_10K) {
    const message = APSD_MESSAGES[pick(APSD_MESSAGES.length)]!;
    const repeats = message.kind === 'other' && pick(4) === 0 ? 1 + pick(3) : 0;
    return [apsd(message.text(pick), message.kind, repeats)];
  }
  if (roll < APSD_PER_10K + MENTION_PER_10K)
    return [{ sender: MENTIONS[pick(MENTIONS.length)]!(apsdPid), continuation: [], repeats: 0 }];
  const repeats = pick(40) === 0 ? 1 + pick(5) : 0;
  return [{ sender: CHATTER[pick(CHATTER.length)]!(pick), continuation: [], repeats }];
}
