import { describe, expect, it } from 'vitest';
import { FloodMeter } from './flood-meter';

describe('FloodMeter', () => {
  it('warns once when a minute holds more events than the limit, and again after a calm minute', () => {
    const meter = new FloodMeter(100);
    const warnings: (string | null)[] = [];
    for (let s = 0; s < 60; s += 1) warnings.push(meter.add(1, s * 1000, 'apsd'));
    expect(warnings.filter(Boolean)).toEqual([]); // 60 a minute: calm
    for (let s = 60; s < 180; s += 1) warnings.push(meter.add(10, s * 1000, 'apsd'));
    expect(warnings.filter(Boolean)).toEqual([
      'log flood: more than 100 apsd lines within a minute; all are counted, and chart markers are merged per minute',
    ]);
    expect(meter.add(5, 180_000, 'apsd')).toBeNull(); // a calm minute starts
    expect(meter.add(5, 240_000, 'apsd')).toBeNull();
    expect(meter.add(500, 241_000, 'apsd')).toMatch(/^log flood: /);
  });
});
