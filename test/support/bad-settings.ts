/**
 * Settings updates that must each be refused, by kind: the 46 kinds issue 9 probed and more.
 * Every one is written as the dashboard socket or a hand edit could deliver it (plain JSON),
 * except `inProcessOnly`, which only a caller inside the process can pass (NaN, Infinity).
 */
import { DEFAULT_SETTINGS } from '../../src/shared/settings';

export interface BadSetting {
  name: string;
  patch: unknown;
  /** True when JSON cannot carry the value; it is tried on the engine only. */
  inProcessOnly?: boolean;
  /** Only keys the app does not know: a file with them is read, the keys dropped and named. */
  unknownKeysOnly?: boolean;
}

const cidr = (value: unknown): unknown => ({ rules: { peerCidrs: ['17.0.0.0/8', value] } });
const port = (value: unknown): unknown => ({ rules: { peerPorts: [5223, value] } });
const processName = (value: unknown): unknown => ({ rules: { processes: ['apsd', value] } });
const many = (n: number, make: (i: number) => unknown) =>
  Array.from({ length: n }, (_, i) => make(i));

export const BAD_SETTINGS: readonly BadSetting[] = [
  // Address ranges of every shape.
  { name: 'range: a word', patch: { rules: { peerCidrs: ['bogus'] } } },
  { name: 'range: empty string', patch: cidr('') },
  { name: 'range: spaces only', patch: cidr('   ') },
  { name: 'range: IPv4 prefix over 32', patch: cidr('17.0.0.0/33') },
  { name: 'range: IPv6 prefix over 128', patch: cidr('2620:149:a44::/129') },
  { name: 'range: negative prefix', patch: cidr('17.0.0.0/-1') },
  { name: 'range: empty prefix', patch: cidr('17.0.0.0/') },
  { name: 'range: prefix only', patch: cidr('/8') },
  { name: 'range: two prefixes', patch: cidr('17.0.0.0/8/8') },
  { name: 'range: letters in the prefix', patch: cidr('17.0.0.0/8a') },
  { name: 'range: three octets', patch: cidr('17.0.0/8') },
  { name: 'range: five octets', patch: cidr('17.0.0.0.0/8') },
  { name: 'range: octet over 255', patch: cidr('256.0.0.0/8') },
  { name: 'range: leading zero octet', patch: cidr('017.0.0.0/8') },
  { name: 'range: hexadecimal IPv4', patch: cidr('0x11.0.0.0/8') },
  { name: 'range: short-form IPv4', patch: cidr('17.1/16') },
  { name: 'range: leading space', patch: cidr(' 17.0.0.0/8') },
  { name: 'range: trailing newline', patch: cidr('17.0.0.0/8\n') },
  { name: 'range: two ranges in one', patch: cidr('17.0.0.0/8,18.0.0.0/8') },
  { name: 'range: IPv6 with two ::', patch: cidr('1::2::3/64') },
  { name: 'range: IPv6 with :::', patch: cidr('2620:::1/48') },
  { name: 'range: IPv6 non-hex group', patch: cidr('gggg::/16') },
  { name: 'range: IPv6 nine groups', patch: cidr('1:2:3:4:5:6:7:8:9/64') },
  { name: 'range: IPv6 with a zone', patch: cidr('fe80::1%en0/64') },
  { name: 'range: bracketed IPv6', patch: cidr('[2620:149:a44::]/48') },
  { name: 'range: a host name', patch: cidr('apple.com/8') },
  { name: 'range: a wildcard', patch: cidr('*') },
  { name: 'range: 10,000 characters', patch: cidr(`17.${'0'.repeat(10_000)}/8`) },
  { name: 'range: a number', patch: cidr(17) },
  { name: 'range: null in the list', patch: cidr(null) },
  { name: 'range: a string, not a list', patch: { rules: { peerCidrs: '17.0.0.0/8' } } },
  { name: 'range: 65 ranges', patch: { rules: { peerCidrs: many(65, (i) => `10.${i}.0.0/16`) } } },
  // Numbers out of range or not whole.
  { name: 'interval: 0', patch: { intervalSeconds: 0 } },
  { name: 'interval: 301', patch: { intervalSeconds: 301 } },
  { name: 'interval: negative', patch: { intervalSeconds: -10 } },
  { name: 'interval: fractional', patch: { intervalSeconds: 1.5 } },
  { name: 'interval: 1e308', patch: { intervalSeconds: 1e308 } },
  { name: 'interval: NaN', patch: { intervalSeconds: Number.NaN }, inProcessOnly: true },
  { name: 'interval: Infinity', patch: { intervalSeconds: Infinity }, inProcessOnly: true },
  { name: 'spike minimum: 0', patch: { spike: { minCount: 0 } } },
  { name: 'spike minimum: 100,001', patch: { spike: { minCount: 100_001 } } },
  { name: 'spike minimum: fractional', patch: { spike: { minCount: 2.5 } } },
  { name: 'port: 0', patch: port(0) },
  { name: 'port: 65536', patch: port(65_536) },
  { name: 'port: negative', patch: port(-5) },
  { name: 'port: fractional', patch: port(52.23) },
  { name: 'port: 17 ports', patch: { rules: { peerPorts: many(17, (i) => i + 1) } } },
  // Wrong types.
  { name: 'interval: a string', patch: { intervalSeconds: '10' } },
  { name: 'interval: true', patch: { intervalSeconds: true } },
  { name: 'interval: null', patch: { intervalSeconds: null } },
  { name: 'port: a string', patch: port('5223') },
  { name: 'sensitivity: unknown word', patch: { spike: { sensitivity: 'extreme' } } },
  { name: 'spike: a string', patch: { spike: 'high' } },
  { name: 'tray title: unknown word', patch: { trayTitle: 'sometimes' } },
  { name: 'tray title: a number', patch: { trayTitle: 1 } },
  { name: 'launch at login: a string', patch: { launchAtLogin: 'yes' } },
  { name: 'notifications: a number', patch: { notifications: { spike: 1 } } },
  { name: 'rules: a list', patch: { rules: [] } },
  { name: 'rules: null', patch: { rules: null } },
  { name: 'processes: a string', patch: { rules: { processes: 'apsd' } } },
  { name: 'process: a number', patch: processName(1) },
  { name: 'update: null', patch: null },
  { name: 'update: a list', patch: [] },
  { name: 'update: a string', patch: 'intervalSeconds=5' },
  { name: 'update: a number', patch: 42 },
  // Empty lists and names: nothing would be watched.
  { name: 'rules: no process and no port', patch: { rules: { processes: [], peerPorts: [] } } },
  { name: 'rules: no process and no range', patch: { rules: { processes: [], peerCidrs: [] } } },
  {
    name: 'rules: everything empty',
    patch: { rules: { processes: [], peerPorts: [], peerCidrs: [] } },
  },
  { name: 'process: empty name', patch: processName('') },
  { name: 'process: spaces only', patch: processName('   ') },
  { name: 'process: a newline inside', patch: processName('apsd\nrm -rf') },
  { name: 'process: a NUL byte', patch: processName('apsd\u0000') },
  { name: 'process: 17 names', patch: { rules: { processes: many(17, (i) => `p${i}`) } } },
  // Huge strings.
  { name: 'process: 65 characters', patch: processName('x'.repeat(65)) },
  { name: 'process: 1 MB', patch: processName('x'.repeat(1 << 20)) },
  { name: 'tray title: 1 MB', patch: { trayTitle: 'a'.repeat(1 << 20) } },
  // Unknown keys.
  { name: 'unknown top-level key', patch: { bogus: true }, unknownKeysOnly: true },
  { name: 'unknown spike key', patch: { spike: { evil: 1 } }, unknownKeysOnly: true },
  { name: 'unknown rules key', patch: { rules: { extra: ['x'] } }, unknownKeysOnly: true },
  {
    name: 'a __proto__ key',
    patch: JSON.parse('{"__proto__": {"intervalSeconds": 0}}'),
    unknownKeysOnly: true,
  },
  {
    name: 'a whole valid settings object plus one key',
    patch: { ...DEFAULT_SETTINGS, x: 1 },
    unknownKeysOnly: true,
  },
];

/** One kind of each group ("range: …", "port: …"), for the slower whole-engine restarts. */
export function onePerGroup(list: readonly BadSetting[]): BadSetting[] {
  const seen = new Set<string>();
  return list.filter((bad) => {
    const group = bad.name.split(':')[0] as string;
    if (seen.has(group)) return false;
    seen.add(group);
    return true;
  });
}

/** The settings a hand edit would leave: the defaults with the bad value written over them. */
export function handEditedFile(patch: unknown): string {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch))
    return JSON.stringify(patch);
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, value] of Object.entries(patch)) {
    const current = merged[key];
    const nested = typeof current === 'object' && typeof value === 'object' && value !== null;
    // defineProperty, so a "__proto__" key is written as a key rather than set as the prototype.
    Object.defineProperty(merged, key, {
      value: nested && !Array.isArray(value) ? { ...current, ...value } : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return JSON.stringify(merged, null, 2);
}
