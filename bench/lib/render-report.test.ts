import { describe, expect, it } from 'vitest';
import { renderResults, renderSection, renderSectionTable } from './render-report';
import type { SectionResult } from './section-result';
import { summarize } from './stats';

function section(): SectionResult {
  return {
    id: 'logs',
    title: '3. Log back-fill',
    conditions: ['seven archives'],
    metrics: [{ key: 'wallMs', label: 'wall ms', digits: 0 }],
    sides: [
      { label: 'scan-logs', peer: false, metrics: { wallMs: summarize([900, 1000, 1100]) } },
      {
        label: 'zcat | grep -c apsd',
        peer: true,
        metrics: { wallMs: summarize([2000, 1900, 2100]) },
      },
    ],
    targets: [
      { target: 'scan-logs <= 1.0x zgrep', measured: '0.500×', met: true },
      { target: 'another', measured: '2.00×', met: false, whyMissed: 'because of gunzip' },
    ],
    notes: ['a finding'],
    problems: ['zgrep found 3 lines, the archives hold 4'],
    durationSeconds: 12,
  };
}

describe('renderSectionTable', () => {
  it('shows median, min, max and the ratio of medians against each peer', () => {
    const lines = renderSectionTable(section()).split('\n');
    expect(lines[0]).toBe('| side | metric | median | min | max | vs zcat \\| grep -c apsd |');
    expect(lines[2]).toBe('| scan-logs | wall ms (n=3) | 1,000 | 900 | 1,100 | 0.500× |');
    expect(lines[3]).toBe('| zcat \\| grep -c apsd | wall ms (n=3) | 2,000 | 1,900 | 2,100 | 1× |');
  });
});

describe('renderSection', () => {
  it('marks missed targets and problems, and explains misses only with the analysis', () => {
    const withAnalysis = renderSection(section(), true);
    expect(withAnalysis).toContain('| another | 2.00× | **MISSED** |');
    expect(withAnalysis).toContain('| scan-logs <= 1.0x zgrep | 0.500× | met |');
    expect(withAnalysis).toContain('> **Problem:** zgrep found 3 lines, the archives hold 4');
    expect(withAnalysis).toContain('**Missed: another.** because of gunzip');
    expect(withAnalysis).toContain('a finding');
    const terminal = renderSection(section(), false);
    expect(terminal).not.toContain('because of gunzip');
    expect(terminal).toContain('**MISSED**');
  });
});

describe('renderResults', () => {
  it('counts targets over the sections that ran and names the ones this platform cannot run', () => {
    const machine = {
      date: 'd',
      cpuModel: 'c',
      cores: 2,
      availableParallelism: 2,
      memoryGiB: 1,
      os: 'o',
      kernel: 'k',
      node: 'n',
      loadAtStart: 'l',
      loadAtEnd: 'l',
    };
    const text = renderResults(
      {
        machine,
        mode: 'full',
        command: 'npm run bench',
        method: 'm',
        sections: [section()],
        failures: [],
        skipped: [{ title: '7. macOS socket sources', reason: 'runs on darwin only' }],
      },
      false,
    );
    expect(text).toContain('Targets met: 1 of 2.');
    expect(text).toContain(
      '## 7. macOS socket sources\n\n> **Not on this platform:** runs on darwin only',
    );
  });
});
