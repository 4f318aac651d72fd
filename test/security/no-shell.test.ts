/**
 * No shell strings are ours: the app starts child processes only through `execFile` and `spawn`
 * with argument arrays and never asks for a shell, and no production dependency starts any
 * process at all. Read from the sources and from the installed production tree, so a new
 * `exec(...)` or a dependency that shells out fails here. (systeminformation, which runs
 * `/bin/sh -c` command strings, is only the benchmark's peer: a devDependency.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : filesUnder(path, keep);
    return keep(path) ? [path] : [];
  });
}

const appSources = filesUnder(
  join(root, 'src'),
  (p) => /\.tsx?$/.test(p) && !/\.test\.tsx?$/.test(p),
);

describe('the app starts processes without a shell', () => {
  it('imports child_process in exactly two places, for execFile and spawn', () => {
    const importers = appSources
      .filter((path) =>
        /from 'node:child_process'|require\(['"](node:)?child_process/.test(
          readFileSync(path, 'utf8'),
        ),
      )
      .map((path) => relative(root, path))
      .sort();
    expect(importers).toEqual([
      'src/core/exec/run-command.ts',
      'src/core/logs/live/unified-log-stream.ts',
    ]);
    for (const path of importers) {
      const named = /import \{([^}]+)\} from 'node:child_process'/.exec(
        readFileSync(join(root, path), 'utf8'),
      )?.[1];
      const names = named!
        .split(',')
        .map((n) => n.trim().replace(/^type /, ''))
        .filter(Boolean);
      expect(
        names.filter(
          (n) =>
            !['execFile', 'spawn', 'ChildProcess', 'ChildProcessByStdio', 'SpawnOptions'].includes(
              n,
            ),
        ),
      ).toEqual([]);
    }
  });

  it('never passes a shell option, and never calls exec or execSync (a RegExp .exec is not one)', () => {
    for (const path of appSources) {
      const code = readFileSync(path, 'utf8');
      expect(code, relative(root, path)).not.toMatch(/\bshell\s*:\s*(true|['"`])/);
      expect(code, relative(root, path)).not.toMatch(
        /(?<![.\w])(exec|execSync|execFileSync|spawnSync)\s*\(/,
      );
    }
  });
});

describe('the production dependency tree', () => {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  const production = Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
    .map(([path]) => path);

  it('is small, and none of it can start a process', () => {
    console.info(
      `production dependencies: ${production.length} (${production.map((p) => p.slice(13)).join(', ')})`,
    );
    expect(production.length).toBeGreaterThan(0);
    // 7 for the engine and its hosts (ipaddr.js, prom-client, ws, zod and theirs), 10 for the
    // doctor's PAC evaluation (pac-resolver, degenerator, ast-types, tslib, escodegen, esprima,
    // estraverse, esutils, netmask, and quickjs-wasi, its sandbox): growth is a decision.
    expect(production.length).toBeLessThanOrEqual(17);
    for (const path of production) {
      const code = filesUnder(join(root, path), (p) => /\.(c|m)?js$/.test(p));
      const shelling = code.filter((file) => /child_process/.test(readFileSync(file, 'utf8')));
      expect(
        shelling.map((file) => relative(root, file)),
        path,
      ).toEqual([]);
    }
  });
});
