/** `apsd-watch explain`: what apsd is for and what to do, next to this Mac's live evidence. */
import { buildExplainer } from '../../shared/explainer';
import type { CliCommand } from '../command';
import { engineFlags } from '../engine-flags';
import { withOneShotEngine } from '../one-shot-engine';
import { renderExplainer } from '../render-explainer';

export const explainCommand: CliCommand = {
  flags: {
    json: { description: 'Print the answers as JSON instead of text.' },
    ...engineFlags,
  },
  async run(values, _positionals, io) {
    const snapshot = await withOneShotEngine(
      values,
      io,
      async (engine) => engine.latest() ?? (await engine.sampleNow()),
    );
    const sections = buildExplainer(snapshot, null);
    if (values.json) io.stdout.write(JSON.stringify(sections, null, 2) + '\n');
    else
      io.stdout.write(
        renderExplainer(sections, { width: (io.stdout as { columns?: number }).columns ?? 80 }) +
          '\n',
      );
    return 0;
  },
};
