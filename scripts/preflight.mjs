// @ts-check
/**
 * Runs before the suites in `npm test`: checks every system tool the tests use (the table in
 * scripts/system-tools.mjs) and installs what is missing where it can, saying what and how before
 * it does: apt-get as root on Debian, Homebrew on macOS, Playwright's own Chromium where downloads
 * work (Debian's chromium where they do not). Otherwise it stops in one line that names what is
 * missing and the command that installs it.
 *
 *   node scripts/preflight.mjs             check, install what is missing, check again
 *   node scripts/preflight.mjs --dry-run   say what it would install, install nothing
 *     --platform debian|macos|other and --as root|user (with --dry-run only) plan for another machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  SYSTEM_TOOLS,
  findCommand,
  installCommandFor,
  locate,
  thisPlatform,
} from './system-tools.mjs';

/** Debian's way to keep a package's service from starting while it installs (invoke-rc.d). */
const POLICY_RC = '/usr/sbin/policy-rc.d';
/** Packages whose Debian install enables a system-wide listener the tests do not want. */
const SERVICES = ['squid'];

const say = (/** @type {string} */ line) => console.log(`preflight: ${line}`);

/** @param {string} line */
function stop(line) {
  console.error(`preflight: ${line}`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({
    options: {
      'dry-run': { type: 'boolean' },
      platform: { type: 'string' },
      as: { type: 'string' },
    },
    strict: true,
  }).values;
} catch (error) {
  stop(`${/** @type {Error} */ (error).message}; usage: node scripts/preflight.mjs [--dry-run]`);
}
const dryRun = args['dry-run'] === true;
if (!dryRun && (args.platform !== undefined || args.as !== undefined))
  stop('--platform and --as only plan (with --dry-run); they never install');
const platform = /** @type {'debian' | 'macos' | 'other'} */ (args.platform ?? thisPlatform());
if (!['debian', 'macos', 'other'].includes(platform))
  stop(`--platform: expected debian, macos or other, got '${platform}'`);
if (args.as !== undefined && !['root', 'user'].includes(args.as))
  stop(`--as: expected root or user, got '${args.as}'`);
const root = args.as ? args.as === 'root' : process.getuid?.() === 0;
const nodePlatform = platform === 'macos' ? 'darwin' : 'linux';

const wanted = SYSTEM_TOOLS.filter((tool) => tool.platforms.includes(nodePlatform));
const missing = () => wanted.filter((tool) => locate(tool) === null);

const before = missing();
if (before.length === 0) {
  say(`all ${wanted.length} system tools the tests use are here (${names(wanted)})`);
  warnAboutSystemListeners();
  process.exit(0);
}

const plan = planInstall(before);
if (plan.cannot.length > 0) {
  const command = installCommandFor(plan.cannot, { platform, root });
  const homebrew =
    platform === 'macos' && !findCommand(['brew']) ? 'Homebrew (brew.sh), then ' : '';
  stop(`missing ${names(plan.cannot)}; install with: ${homebrew}${command}`);
}
say(`missing ${names(before)}`);
for (const step of plan.steps) say(`${dryRun ? 'would run' : 'installing with'}: ${step.what}`);
if (dryRun) process.exit(1);
for (const step of plan.steps) step.run();

const after = missing();
if (after.length > 0)
  stop(
    `still missing ${names(after)} after installing; ` +
      `install with: ${installCommandFor(after, { platform, root })}`,
  );
say(`all ${wanted.length} system tools the tests use are here now`);
warnAboutSystemListeners();

/**
 * @typedef {import('./system-tools.mjs').SystemTool} SystemTool
 * @typedef {{ what: string, run: () => void }} Step
 */

/** @param {SystemTool[]} tools */
function planInstall(tools) {
  /** @type {Step[]} */
  const steps = [];
  /** @type {SystemTool[]} */
  const cannot = [];
  const chromium = tools.find((t) => t.name === 'chromium');
  const byPackage = tools.filter((t) => t !== chromium && t.installer !== 'npm');
  // npm ci brings these; preflight runs inside npm test, after it.
  cannot.push(...tools.filter((t) => t.installer === 'npm'));

  if (platform === 'debian' && root && findCommand(['apt-get'])) {
    if (byPackage.length > 0) steps.push(aptStep(byPackage));
    if (chromium) steps.push(chromiumOnDebian(chromium));
  } else if (platform === 'macos' && findCommand(['brew'])) {
    const formulas = [...new Set(byPackage.map((t) => t.brew).filter((f) => f !== null))];
    cannot.push(...byPackage.filter((t) => t.brew === null));
    if (formulas.length > 0)
      steps.push({
        what: `brew install ${formulas.join(' ')}`,
        run: () => mustRun('brew', ['install', ...formulas]),
      });
    if (chromium)
      steps.push({
        what: "npx playwright install chromium (Playwright's own Chromium)",
        run: () => mustRun('npx', ['playwright', 'install', 'chromium']),
      });
  } else {
    cannot.push(...byPackage, ...(chromium ? [chromium] : []));
  }
  cannot.sort((a, b) => SYSTEM_TOOLS.indexOf(a) - SYSTEM_TOOLS.indexOf(b));
  return { steps, cannot };
}

/** @param {SystemTool[]} tools */
function aptStep(tools) {
  const first = [...new Set(tools.map((t) => t.debian?.[0]).filter((p) => p !== undefined))];
  return {
    what: `apt-get update && apt-get install -y --no-install-recommends ${first.join(' ')}`,
    run() {
      mustRun('apt-get', ['update', '-qq']);
      // A package named first may be gone from this release: take the first one apt knows.
      const packages = [...new Set(tools.map((t) => pickPackage(t.debian ?? [])))];
      const gone = first.filter((p) => !packages.includes(p));
      if (gone.length > 0)
        say(`this release has no ${gone.join(', ')}: installing ${packages.join(' ')}`);
      aptInstall(packages);
    },
  };
}

/**
 * Playwright's own Chromium where its download works; Debian's chromium where it does not.
 * @param {SystemTool} chromium
 */
function chromiumOnDebian(chromium) {
  return {
    what:
      "npx playwright install --with-deps chromium (Playwright's own Chromium; " +
      "if its download fails: apt-get install -y chromium, Debian's)",
    run() {
      const own = spawnSync('npx', ['playwright', 'install', '--with-deps', 'chromium'], {
        stdio: 'inherit',
      });
      if (own.status === 0 && locate(chromium)) return;
      say("Playwright's download did not work here; installing Debian's chromium instead");
      if (!findCommand(['apt-get'])) stop('apt-get is missing');
      aptInstall(['chromium']);
    },
  };
}

/** @param {string[]} candidates */
function pickPackage(candidates) {
  const known = candidates.find(
    (name) => spawnSync('apt-cache', ['show', '--no-all-versions', name]).status === 0,
  );
  return known ?? candidates[0] ?? '';
}

/**
 * apt-get install with the packages' services kept from starting (a fresh machine has no
 * policy-rc.d), and squid's service disabled after: the tests start their own, in namespaces.
 * @param {string[]} packages
 */
function aptInstall(packages) {
  const guard = !existsSync(POLICY_RC);
  if (guard) {
    say(`keeping the packages' services from starting while apt-get runs (${POLICY_RC})`);
    writeFileSync(
      POLICY_RC,
      '#!/bin/sh\n# written by apsd-watch scripts/preflight.mjs\nexit 101\n',
      {
        mode: 0o755,
      },
    );
  }
  try {
    mustRun('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
      DEBIAN_FRONTEND: 'noninteractive',
    });
  } finally {
    if (guard) rmSync(POLICY_RC, { force: true });
  }
  const systemd = existsSync('/run/systemd/system') && findCommand(['systemctl']);
  for (const service of SERVICES.filter((s) => packages.some((p) => p.startsWith(s))))
    if (systemd) {
      say(`systemctl disable --now ${service} (the tests start their own ${service})`);
      spawnSync('systemctl', ['disable', '--now', service], { stdio: 'inherit' });
    }
}

/** A system squid or dnsmasq left listening (installed earlier, outside this script) is named. */
function warnAboutSystemListeners() {
  if (!findCommand(['ss'])) return;
  const listening = spawnSync('ss', ['-Hltunp'], { encoding: 'utf8' }).stdout ?? '';
  for (const name of ['squid', 'dnsmasq'])
    if (listening.includes(`"${name}"`))
      say(
        `note: a system-wide ${name} is listening; the tests run their own in namespaces, ` +
          `but if one fails, stop it with: systemctl disable --now ${name}`,
      );
}

/**
 * @param {string} command
 * @param {string[]} argv
 * @param {Record<string, string>} [env]
 */
function mustRun(command, argv, env = {}) {
  const result = spawnSync(command, argv, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0)
    stop(`${command} ${argv.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** @param {SystemTool[]} tools */
function names(tools) {
  return tools.map((t) => t.name).join(', ');
}
