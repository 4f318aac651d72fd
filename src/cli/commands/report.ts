/** `apsd-watch report`: a diagnostic report fit for Feedback Assistant or a forum, private by default. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError, type CliCommand } from '../command';
import { engineFlagOptions } from '../engine-flags';
import { withOneShotEngine } from '../one-shot-engine';
import { errorLine } from '../../shared/error-line';

export const reportCommand: CliCommand = {
  usage:
    '[--json] [--out FILE] [--keep-private] [--process NAME] [--port N] [--peer CIDR] [--data-dir DIR] [--log-file PATH]',
  options: {
    ...engineFlagOptions,
    json: { type: 'boolean' },
    out: { type: 'string' },
    'keep-private': { type: 'boolean' },
  },
  allowPositionals: false,
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
