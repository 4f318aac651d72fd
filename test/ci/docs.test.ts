/**
 * The README and the docs as a reader meets them: the README short, no prose line over 120
 * characters (tables and code blocks aside), and every relative link pointing at a file that exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const DOCS = [
  'README.md',
  'SECURITY.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** Lines outside fenced code blocks and tables, with their numbers. */
function proseLines(text: string): [number, string][] {
  let fenced = false;
  const lines: [number, string][] = [];
  text.split('\n').forEach((line, i) => {
    if (line.startsWith('```')) fenced = !fenced;
    else if (!fenced && !line.trimStart().startsWith('|')) lines.push([i + 1, line]);
  });
  return lines;
}

describe('README.md, SECURITY.md and docs/', () => {
  it('keep the README under 200 lines', () => {
    const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeLessThan(200);
  });

  it.each(DOCS)('%s has no prose line over 120 characters', (file) => {
    const long = proseLines(readFileSync(join(ROOT, file), 'utf8'))
      .filter(([, line]) => line.length > 120)
      .map(([n, line]) => `${file}:${n} (${line.length})`);
    expect(long).toEqual([]);
  });

  it.each(DOCS)('%s links only to files that exist', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((match) => match[1]!.split('#')[0]!)
      .filter((target) => target !== '' && !/^[a-z]+:/.test(target));
    const dead = targets.filter((target) => !existsSync(join(ROOT, dirname(file), target)));
    expect(dead).toEqual([]);
  });
});
