/** The explainer for a terminal: prose wrapped to the width, commands whole so they copy cleanly. */
import type { ExplainerSection } from '../shared/explainer';

export interface ExplainerRenderOptions {
  /** Terminal columns; prose wraps to this (at least 40), commands never do. */
  width?: number;
}

const DEFAULT_WIDTH = 80;
const MIN_WIDTH = 40;

export function renderExplainer(
  sections: readonly ExplainerSection[],
  options: ExplainerRenderOptions = {},
): string {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? DEFAULT_WIDTH));
  const blocks = sections.map((section) => {
    const title = wrap(section.question, width, '', '');
    const lines = [...title, '-'.repeat(Math.max(...title.map((line) => line.length)))];
    lines.push(...wrap(section.answer.join(' '), width, '  ', '  '));
    if (section.evidence.length > 0) {
      lines.push('', '  On this Mac:');
      for (const line of section.evidence) lines.push(...wrap(line, width, '  * ', '    '));
    }
    if (section.commands.length > 0) {
      lines.push('', '  Try:');
      for (const { label, command } of section.commands) {
        lines.push(...wrap(`${label}:`, width, '  ', '  '));
        // A command is copied, not read: one line however long, set apart by its indent.
        lines.push(`      ${command}`);
      }
    }
    if (section.caveats.length > 0) {
      lines.push('', '  Not known:');
      for (const caveat of section.caveats) lines.push(...wrap(caveat, width, '  - ', '    '));
    }
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

/** Greedy word wrap with a first-line prefix and a hanging indent; a word longer than a line stays whole. */
export function wrap(text: string, width: number, first: string, rest: string): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}
