import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSocketCapture } from '../../src/core/sockets/socket-capture';
import { NETSTAT_ERAS, loadNetstatTables } from './netstat-text';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/netstat');
const withoutCounts = (warnings: string[]) => warnings.map((w) => w.replace(/\d+/g, 'N'));

describe('generated netstat tables', () => {
  const tables = loadNetstatTables(FIXTURES, 2_000);

  it('covers every era with a table of the wanted size', () => {
    expect(tables.map((t) => t.era)).toEqual(NETSTAT_ERAS.map((e) => e.label));
    for (const table of tables) {
      expect(table.rows).toBe(2_000);
      expect(table.text.split('\n').length).toBeGreaterThan(2_000);
    }
  });

  it.each(NETSTAT_ERAS.map((era) => era.label))(
    '%s parses back to one row per generated line, warned only as its fixture is',
    (label) => {
      const era = NETSTAT_ERAS.find((e) => e.label === label)!;
      const table = tables.find((t) => t.era === label)!;
      const capture = parseSocketCapture(table.text);
      const fixture = parseSocketCapture(readFileSync(join(FIXTURES, era.file), 'utf8'));
      expect(capture.format).toBe(fixture.format);
      expect(capture.rows).toHaveLength(table.rows);
      // Eras whose netstat cuts addresses are warned about; the generated rows add no new kind.
      expect(withoutCounts(capture.warnings)).toEqual(withoutCounts(fixture.warnings));
    },
  );

  it('varies the local port from row to row, as a real table would', () => {
    const table = tables.find((t) => t.era === 'macOS 26 -anv')!;
    const ports = new Set(parseSocketCapture(table.text).rows.map((row) => row.localPort));
    expect(ports.size).toBeGreaterThan(1_000);
  });
});
