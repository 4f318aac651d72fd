/** `apsd-watch metrics`: one sample as Prometheus metrics, printed or written for node_exporter. */
import { resolve } from 'node:path';
import { createApsdMetrics } from '../../core/metrics/apsd-metrics';
import { writeFileAtomic } from '../../core/storage/atomic-file';
import type { CliCommand } from '../command';
import { engineFlags } from '../engine-flags';
import { withOneShotEngine } from '../one-shot-engine';
import { APP_VERSION } from '../version';

export const metricsCommand: CliCommand = {
  flags: {
    textfile: {
      value: 'FILE',
      description:
        'Write FILE (a *.prom in node_exporter --collector.textfile.directory) by renaming a finished temp file over it: a reader sees the old or the new file, never half of one.',
      default: 'print to standard output',
    },
    ...engineFlags,
  },
  notes: [
    "Process CPU and memory metrics are left out: they would describe this short-lived process and clash with node_exporter's own process_* metrics. `serve --metrics` includes them.",
    'Each run is a fresh process: its counters (*_total) count what this one run read and sampled.',
  ],
  async run(values, _positionals, io) {
    const textfile = typeof values.textfile === 'string' ? resolve(values.textfile) : null;
    if (textfile && !textfile.endsWith('.prom'))
      io.stderr.write(
        `apsd-watch metrics: warning: node_exporter's textfile collector reads only *.prom files; ${textfile} will be ignored by it\n`,
      );
    const snapshot = await withOneShotEngine(
      values,
      io,
      async (engine) => engine.latest() ?? (await engine.sampleNow()),
    );
    const metrics = createApsdMetrics({ version: APP_VERSION, processMetrics: false });
    metrics.observe(snapshot);
    const text = await metrics.exposition();
    if (snapshot.source.sockets.status === 'failed')
      io.stderr.write(
        `apsd-watch metrics: warning: the socket sample failed (${snapshot.source.sockets.detail ?? 'unknown reason'}); apsd_watch_sample_failures_total says so\n`,
      );
    if (!textfile) {
      io.stdout.write(text);
      return 0;
    }
    // Readable by node_exporter, which usually runs as another user.
    await writeFileAtomic(textfile, text, { mode: 0o644 });
    return 0;
  },
};
