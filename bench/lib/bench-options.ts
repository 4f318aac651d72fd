/** Command-line options of `npm run bench`. */
import { parseArgs } from 'node:util';

const SECTION_IDS = [
  'sockets',
  'logs',
  'idle',
  'popover',
  'oneshot',
  'macsockets',
  'capture',
  'follow',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface BenchOptions {
  /** A small version of each section, each in under a minute. */
  quick: boolean;
  sections: readonly SectionId[];
  /** Write bench/RESULTS.md (default only for a full run of every section). */
  write: boolean;
}

export const USAGE = `usage: npm run bench -- [--quick] [--only ${SECTION_IDS.join(',')}] [--write|--no-write]`;

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      write: { type: 'boolean' },
      'no-write': { type: 'boolean' },
    },
    allowPositionals: false,
  });
  const sections = values.only
    ? values.only.split(',').map((name) => name.trim())
    : [...SECTION_IDS];
  for (const name of sections)
    if (!SECTION_IDS.includes(name as SectionId))
      throw new Error(`--only: unknown section '${name}' (${SECTION_IDS.join(', ')})`);
  const everything = !values.only && !values.quick;
  return {
    quick: values.quick ?? false,
    sections: sections as SectionId[],
    write: values['no-write'] ? false : (values.write ?? everything),
  };
}
