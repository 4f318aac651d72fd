/**
 * The core's layers are enforced by lint (eslint.config.js, import/no-restricted-paths): this runs
 * the project's own ESLint configuration on imports that go up a layer, or across readers, and
 * checks each is refused, and that the same file importing downwards passes. The probe files are
 * linted as text under a path inside src/core; nothing is written to the tree.
 */
import { ESLint } from 'eslint';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  return result!.messages
    .filter((m) => m.ruleId === 'import/no-restricted-paths')
    .map((m) => m.message);
}

describe('the core layers (lint)', () => {
  it.each([
    // A reader reaching the pipeline: what sockets/capture-tally once did.
    ['src/core/sockets/layer-probe.ts', "import { analyse } from '../monitor/analyse';"],
    // A reader reaching an entry point.
    ['src/core/logs/saved/layer-probe.ts', "import { scanLogs } from '../../scan-logs';"],
    // The base reaching a reader: what input/input-lines once did.
    [
      'src/core/input/layer-probe.ts',
      "import { scanLogFiles } from '../logs/saved/scan-saved-logs';",
    ],
    // One reader reaching another.
    ['src/core/logs/live/layer-probe.ts', "import { parseSs } from '../../sockets/ss-parse';"],
    // The pipeline reaching a service above it.
    ['src/core/monitor/layer-probe.ts', "import { HistoryStore } from '../history/history-store';"],
    // Judgement reaching the pipeline.
    ['src/core/analysis/layer-probe.ts', "import { analyse } from '../monitor/analyse';"],
  ])('%s: refuses %s', async (filePath, code) => {
    const errors = await layerErrors(filePath, `${code}\nexport const probe = 1;\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/never import a layer above|Each reader stands alone/);
  });

  it.each([
    [
      'src/core/monitor/layer-probe.ts',
      "import { LogAggregator } from '../logs/kinds/log-aggregator';",
    ],
    [
      'src/core/logs/live/layer-probe.ts',
      "import { LineSplitter } from '../../input/line-splitter';",
    ],
    ['src/core/scan-logs-probe.ts', "import { analyse } from './monitor/analyse';"],
  ])('%s: allows the downward %s', async (filePath, code) => {
    expect(await layerErrors(filePath, `${code}\nexport const probe = 1;\n`)).toEqual([]);
  });

  it('puts every folder of src/core in a layer, so none escapes the rule', async () => {
    const config = (await eslint.calculateConfigForFile(`${root}/src/core/engine.ts`)) as {
      rules: Record<string, [unknown, { zones: { target: string }[] }]>;
    };
    const targets = config.rules['import/no-restricted-paths']![1].zones.map((z) => z.target);
    const folders = readdirSync(`${root}/src/core`, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `./src/core/${entry.name}/**`);
    // The top layer is the target of no zone: its folders are listed with the files beside it.
    const top = ['./src/core/metrics/**'];
    expect(folders.filter((f) => !targets.includes(f) && !top.includes(f))).toEqual([]);
  });
});
