import { describe, expect, it } from 'vitest';
import { buildExplainer } from '../shared/explainer';
import { spikingSnapshot } from '../../test/support/explainer-fixtures';
import { renderExplainer, wrap } from './render-explainer';

describe('renderExplainer', () => {
  const sections = buildExplainer(spikingSnapshot());

  for (const width of [40, 72, 120]) {
    it(`wraps prose to ${width} columns and keeps every command whole on its own line`, () => {
      const text = renderExplainer(sections, { width });
      const lines = text.split('\n');
      const commands = new Set(
        sections.flatMap((s) => s.commands.map((c) => `      ${c.command}`)),
      );
      for (const line of lines) {
        if (commands.has(line)) continue;
        // Only a single word longer than the line may overflow it.
        if (line.length > width) expect(line.trim()).not.toContain(' ');
      }
      for (const command of commands) expect(lines).toContain(command);
      const flattened = text.replace(/\s+/g, ' ');
      for (const s of sections) {
        expect(flattened).toContain(s.question);
        for (const evidence of s.evidence) {
          const firstWords = evidence.split(' ').slice(0, 3).join(' ');
          expect(text).toContain(`  * ${firstWords}`);
        }
      }
    });
  }

  it('keeps the words in order across wrapped lines', () => {
    const text = renderExplainer(sections, { width: 50 });
    const flattened = text.replace(/\s+/g, ' ');
    for (const sentence of sections[2]!.answer) expect(flattened).toContain(sentence);
  });

  it('treats a missing or tiny width sensibly', () => {
    const narrow = renderExplainer(sections, { width: 5 });
    expect(narrow).toBe(renderExplainer(sections, { width: 40 }));
    expect(renderExplainer(sections)).toBe(renderExplainer(sections, { width: 80 }));
  });
});

describe('wrap', () => {
  it('hangs the indent and never splits a word', () => {
    expect(wrap('one two three four five', 12, '- ', '  ')).toEqual([
      '- one two',
      '  three four',
      '  five',
    ]);
    expect(wrap('averyveryverylongword x', 8, '', '')).toEqual(['averyveryverylongword', 'x']);
  });
});
