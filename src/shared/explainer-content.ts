/**
 * The explainer's fixed words. Each sentence rests on docs/sources.md; what that page tags
 * unconfirmed or inferred is said as unknown or estimated, never as fact.
 */

export type ExplainerSectionId =
  | 'how-it-works'
  | 'who-needs-it'
  | 'is-it-working'
  | 'is-it-an-attack'
  | 'check-by-hand'
  | 'restart'
  | 'stop-for-good';

interface SectionContent {
  id: ExplainerSectionId;
  question: string;
  answer: string[];
  commands: { label: string; command: string }[];
  caveats: string[];
}

const APSD_LOG_24H = `log show --last 24h --predicate 'process == "apsd"'`;
const OPENSSL_CHAIN =
  'openssl s_client -connect 1-courier.push.apple.com:5223 -servername courier.push.apple.com -showcerts </dev/null';
const NETSTAT = 'netstat -anv -p tcp | grep 5223';
/** apsd's LaunchDaemon (docs/sources.md); the one spelling of the path. */
export const APSD_PLIST = '/System/Library/LaunchDaemons/com.apple.apsd.plist';

export const EXPLAINER_CONTENT: readonly SectionContent[] = [
  // Sources: docs/sources.md#push-network and #the-daemon.
  {
    id: 'how-it-works',
    question: 'What does apsd do, and how should it work?',
    answer: [
      "apsd is the Apple Push Service daemon: it keeps a connection open to Apple's push notification service (APNs) and hands incoming pushes to the apps and services on this Mac.",
      'One connection serves every push user: a Mac connects once for the system and once for each logged-in user.',
      'It dials TCP port 5223 on hosts named N-courier.push.apple.com (port 443 is the fallback), inside TLS with the server name courier.push.apple.com, and proves who it is with a device certificate issued when the Mac was activated.',
      `It runs as root, started by launchd from ${APSD_PLIST}, and reconnects when the network changes.`,
      "So a healthy Mac shows a long-lived ESTABLISHED connection from apsd to one of Apple's addresses (17.0.0.0/8, or Apple's IPv6 ranges) on port 5223.",
    ],
    commands: [
      {
        label: "apsd's own status report",
        command: '/System/Library/PrivateFrameworks/ApplePushService.framework/apsctl status',
      },
      {
        label: "apsd's process id and start time",
        command: "ps -axo pid,lstart,command | grep '[a]psd'",
      },
    ],
    caveats: [
      'How often apsd sends keep-alives on current macOS is not known; 15 to 20 minutes was seen on OS X 10.7.',
      'How many courier hosts there are comes from a configuration Apple sends; public code shows numbers 1 to 50.',
    ],
  },
  // Sources: docs/sources.md#push-network and #the-daemon.
  {
    id: 'who-needs-it',
    question: 'Which services need it, and what breaks if it stops?',
    answer: [
      'Messages (iMessage), FaceTime, iCloud sync, Mail, Calendar, Find My and device management (MDM) get their pushes through apsd.',
      'If apsd stops, iMessage, FaceTime calls, Find My, iCloud push and notifications stop arriving.',
      'Notifications from web sites and apps in Notification Center are reported to come through it as well.',
    ],
    commands: [],
    caveats: [
      'That web and app notifications depend on apsd comes from blog posts; no Apple source confirms it.',
    ],
  },
  // Sources: docs/sources.md#fin_wait_1 and #certificates.
  {
    id: 'is-it-working',
    question: 'Is it working despite the FIN_WAIT_1 pile-up and the certificate messages?',
    answer: [
      'The sign that push works is an ESTABLISHED connection from apsd to Apple on port 5223 that stays up.',
      'FIN_WAIT_1 means this Mac sent its close (FIN) and Apple has not acknowledged it yet; bytes in Send-Q are data still queued ahead of that FIN. These are connections apsd has already closed, not the live link.',
      "macOS's kernel drops such a socket when Apple acknowledges or resets it, or when retransmission gives up after 12 backed-off retries (roughly 8 to 13 minutes, an estimate); if Apple's side advertised a zero window, a persist timer can keep it much longer.",
      'An answer on Ask Different judged FIN_WAIT_1 connections in such numbers harmless.',
      '"Unrecognized leaf certificate" every 15 to 90 minutes was seen alongside such pile-ups on OS X 10.9 and judged benign; trust failures are a different matter (next question).',
    ],
    commands: [
      { label: "apsd's connections with their state and Send-Q", command: NETSTAT },
      {
        label: 'Count the leaf-certificate messages of the last day',
        command: `${APSD_LOG_24H} | grep -c "Unrecognized leaf certificate"`,
      },
    ],
    caveats: [
      'This app sees sockets and log lines, not pushes: an ESTABLISHED connection shows apsd is connected, not that every notification arrives.',
      'Connection ages count from when this app first saw each connection.',
      "The FIN_WAIT_1 timings are read from the kernel's source code (XNU), not measured on a Mac.",
      'Why apsd leaves so many connections in FIN_WAIT_1 is not known.',
    ],
  },
  // Sources: docs/sources.md#certificates and #fin_wait_1.
  {
    id: 'is-it-an-attack',
    question: 'Does the certificate message mean someone is attacking me?',
    answer: [
      '"Unrecognized leaf certificate" on its own does not point to an attack: it was judged benign on Security Stack Exchange. A likely cause is that Apple\'s many numbered servers present one certificate that names only the generic host courier.push.apple.com.',
      "Apple's own check for push servers (SecPolicyCreateApplePushService in Apple's Security code) is strict: a chain to an Apple root (a legacy variant pins an Entrust intermediate instead), Apple's push markers on the intermediate and the leaf, the host name in the leaf, use for server authentication, and a revocation check.",
      'A real interception looks different. When someone intercepted port 5223 with a self-signed certificate (OS X 10.9), apsd logged "SSLHandshake failed (-9807)", "Failed to evaluate trust" and "Untrusted peer, closing connection immediately", and refused the connection.',
      'This app counts such lines as trust failures, apart from the leaf-certificate message, and can notify you when one appears.',
      "To look for yourself, run the probe: it connects once to Apple's push server the way apsd does and shows the certificates it presents. It is the only network connection this app makes, and only when you ask.",
    ],
    commands: [
      { label: 'Check the push server certificates (this app)', command: 'apsd-watch probe' },
      { label: 'The same check with openssl', command: OPENSSL_CHAIN },
      {
        label: 'Look for trust failures in the last day',
        command: `${APSD_LOG_24H} | grep -E "SSLHandshake failed|evaluate trust|Untrusted peer"`,
      },
    ],
    caveats: [
      'Apple has not confirmed what causes "Unrecognized leaf certificate"; another suspected cause is apsd checking the leaf against a legacy policy.',
      'The probe checks one connection from this app at one moment; it cannot see what apsd itself was shown.',
      'The probe does not check revocation.',
    ],
  },
  // Sources: docs/sources.md#the-daemon, #unified-log and #certificates.
  {
    id: 'check-by-hand',
    question: 'How can I check it myself?',
    answer: [
      'netstat lists the connections: ESTABLISHED rows to a 17.x.x.x address ending in .5223 are the live link; FIN_WAIT_1 rows with a number in the Send-Q column are closed connections still draining. With -v it also shows the pid that last used each socket.',
      "The unified log holds apsd's messages: log show reads the past, log stream follows it live.",
      "openssl s_client shows the certificates a push server presents; compare them with the probe's.",
    ],
    commands: [
      { label: 'Connections on port 5223, with state and Send-Q', command: NETSTAT },
      { label: "apsd's log messages of the last day", command: APSD_LOG_24H },
      {
        label: "apsd's log messages as they happen",
        command: `log stream --predicate 'process == "apsd"'`,
      },
      { label: 'The certificates a push server presents', command: OPENSSL_CHAIN },
      {
        label: "The leaf certificate's names and markers",
        command: `${OPENSSL_CHAIN} 2>/dev/null | openssl x509 -noout -text`,
      },
      {
        label: 'OS X 10.9 to 10.11: the older system log',
        command: 'grep apsd /var/log/system.log',
      },
    ],
    caveats: [
      'On OS X 10.9 to 10.11 apsd logs to /var/log/system.log; the log command exists from macOS 10.12.',
      'On macOS 27 betas netstat may show a user who is not root only their own sockets; reports disagree and this is not confirmed.',
      'Dynamic parts of unified-log messages may show as <private>; the fixed words such as "Unrecognized leaf certificate" do not.',
    ],
  },
  // Sources: docs/sources.md#the-daemon.
  {
    id: 'restart',
    question: 'How can I restart it?',
    answer: [
      'Run sudo killall apsd: launchd starts apsd again by itself, and the new process opens its own connection to Apple.',
      "The old process's connections close; some may linger in FIN_WAIT_1 for a while.",
      'For more detail, apsd can write a verbose log to /Library/Logs/apsd.log: set the two preferences below, then restart it.',
    ],
    commands: [
      { label: 'Restart apsd', command: 'sudo killall apsd' },
      { label: 'Check it is back, with a new pid', command: 'pgrep -l apsd' },
      {
        label: 'Verbose logging, step 1',
        command: 'sudo defaults write /Library/Preferences/com.apple.apsd APSWriteLogs -bool TRUE',
      },
      {
        label: 'Verbose logging, step 2',
        command: 'sudo defaults write /Library/Preferences/com.apple.apsd APSLogLevel -int 7',
      },
    ],
    caveats: [
      'How quickly launchd restarts apsd on current macOS was not measured.',
      'The verbose-logging preferences come from sources about older releases; whether current macOS honours them is not known.',
    ],
  },
  // Sources: docs/sources.md#the-daemon.
  {
    id: 'stop-for-good',
    question: 'Should I stop it for good?',
    answer: [
      'For most people, no: without apsd, iMessage, FaceTime calls, Find My, iCloud push and notifications stop.',
      'Neither the FIN_WAIT_1 pile-up nor "Unrecognized leaf certificate" is a reason to stop it. Trust failures are a reason to look at the network between this Mac and Apple, not to switch apsd off.',
      `On old releases, sudo launchctl unload -w ${APSD_PLIST} stopped it. Since OS X El Capitan (10.11), System Integrity Protection (SIP) blocks changes to system daemons unless SIP is turned off.`,
    ],
    commands: [
      { label: 'Whether System Integrity Protection is on', command: 'csrutil status' },
      {
        label: 'Old releases only, breaks push (blocked by SIP since 10.11)',
        command: `sudo launchctl unload -w ${APSD_PLIST}`,
      },
      { label: 'Undo the line above', command: `sudo launchctl load -w ${APSD_PLIST}` },
    ],
    caveats: [
      'Whether apsd can be stopped with SIP on in macOS 14 and later is not confirmed.',
      'This app has not tried these commands on any macOS release.',
    ],
  },
];
