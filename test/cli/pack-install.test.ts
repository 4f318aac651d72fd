/**
 * The installable CLI: `npm pack` of this project, installed with `npm install -g --prefix` into
 * a temporary prefix (runtime dependencies from the npm registry, or npm's cache when it has
 * them), then run from there as a user would. Needs the build (`npm run build`, which `npm test`
 * runs first); packing skips `prepare` so it does not rebuild under other tests' feet.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/**
 * What the tarball may hold: the launcher, the CLI bundle and the dashboard page it serves. npm
 * adds package.json and README.md itself, and always packs the file `main` names (the Electron
 * entry, which electron-vite, electron-builder and `electron .` read from package.json).
 */
const ALLOWED = [/^bin\/apsd-watch\.mjs$/, /^out\/cli\//, /^out\/renderer\//];
const ADDED_BY_NPM = ['package.json', 'README.md', 'out/main/index.js'];

let work: string;
let tarball: string;
let packedFiles: string[];
const prefix = () => join(work, 'prefix');

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out', 'cli', 'apsd-watch.mjs')))
    throw new Error('out/cli is missing: run `npm run build` first');
  work = mkdtempSync(join(tmpdir(), 'apsd-watch-pack-'));
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', work],
    { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  const [packed] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  tarball = join(work, packed.filename);
  packedFiles = packed.files.map((file) => file.path);
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('packs the launcher, the CLI bundle and the dashboard page, and nothing else', () => {
    expect(packedFiles).toContain('bin/apsd-watch.mjs');
    expect(packedFiles).toContain('out/cli/apsd-watch.mjs');
    expect(packedFiles).toContain('out/renderer/index.html');
    const others = packedFiles.filter(
      (path) => !ADDED_BY_NPM.includes(path) && !ALLOWED.some((pattern) => pattern.test(path)),
    );
    expect(others).toEqual([]);
    expect(packedFiles.filter((path) => path.endsWith('.map'))).toEqual([]);
  });

  it('installs globally into a prefix with the runtime dependencies only, and runs', async () => {
    await run(
      'npm',
      [
        'install',
        '-g',
        '--prefix',
        prefix(),
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        tarball,
      ],
      { cwd: work, maxBuffer: 16 * 1024 * 1024 },
    );
    const installed = join(prefix(), 'lib', 'node_modules', 'apsd-watch', 'node_modules');
    for (const name of Object.keys(pkg.dependencies))
      expect(existsSync(join(installed, name)), `${name} installed`).toBe(true);
    const devTooling = Object.keys(pkg.devDependencies).filter((name) =>
      existsSync(join(installed, name)),
    );
    expect(devTooling).toEqual([]);

    const bin = join(prefix(), 'bin', 'apsd-watch');
    // Run from outside the project, so nothing resolves from its node_modules.
    const version = await run(bin, ['--version'], { cwd: work });
    expect(version.stdout.trim()).toBe(pkg.version);

    const status = await run(bin, ['status', '--json', '--data-dir', join(work, 'data')], {
      cwd: work,
      maxBuffer: 64 * 1024 * 1024,
    });
    const snapshot = JSON.parse(status.stdout) as {
      schemaVersion: number;
      host: { platform: string };
      source: { sockets: { status: string } };
    };
    expect(snapshot.schemaVersion).toBe(1);
    expect(snapshot.host.platform).toBe(process.platform);
    expect(snapshot.source.sockets.status).toBe('ok');
  }, 240_000);
});
