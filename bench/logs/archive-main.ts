/**
 * Entry point: writes one archive (syslog-archive.ts) and prints its tally as one JSON line, so
 * the section can build the week's archives on both cores at once.
 *
 *   node archive-main.mjs '{"path":"...","bytes":100000000,"seed":1,...}'
 */
import { writeArchive, type ArchiveSpec } from './syslog-archive';

writeArchive(JSON.parse(process.argv[2] ?? '{}') as ArchiveSpec).then(
  (tally) => process.stdout.write(`${JSON.stringify(tally)}\n`),
  (error: unknown) => {
    process.stderr.write(
      `archive-main: ${String((error as Error)?.message ?? error).split('\n')[0]}\n`,
    );
    process.exit(1);
  },
);
