/** `apsd-watch report`: a diagnostic report fit for Feedback Assistant or a forum, private by default. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError, type CliCommand } from '../command';
import { engineFlags } from '../engine-flags';
import { withOneShotEngine } from '../one-shot-engine';
import { errorLine } from '../../shared/error-line';

export const reportCommand: CliCommand = {
  flags: {
    json: { description: 'Write the report as JSON instead of Markdown.' },
    out: {
      value: 'FILE',
      description: 'Write the report to FILE (readable by you only) instead of printing it.',
    },
    'keep-private': {
      description: 'Keep local addresses, the host name and user names instead of redacting them.',
    },
    ...engineFlags,
  },
  async run(values, _positionals, io) {
    const out = typeof values.out === 'string' ? resolve(values.out) : null;
    const report = await withOneShotEngine(values, io, (engine) =>
      engine.report({
        format: values.json ? 'json' : 'markdown',
        keepPrivate: values['keep-private'] === true,
      }),
    );
    if (!out) {
      io.stdout.write(report);
      return 0;
    }
    try {
      await writeFile(out, report, { mode: 0o600 });
    } catch (error) {
      throw new UsageError(`--out ${out}: ${errorLine(error)}`);
    }
    io.stderr.write(
      `Report written to ${out}${values['keep-private'] ? '' : ' (local addresses, host and user names redacted)'}\n`,
    );
    return 0;
  },
};
