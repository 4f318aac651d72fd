import { describe, expect, it } from 'vitest';
import { MAX_PORT, parsePortText } from './port';

describe('parsePortText', () => {
  it('takes decimal ports from the minimum to 65535 and nothing else', () => {
    expect(parsePortText('5223')).toBe(5223);
    expect(parsePortText(String(MAX_PORT))).toBe(65_535);
    expect(parsePortText('65536')).toBeNull();
    expect(parsePortText('0')).toBeNull();
    expect(parsePortText('0', 0)).toBe(0);
    expect(parsePortText('1023', 1024)).toBeNull();
    for (const bad of ['', ' 80', '80 ', '8e1', '0x50', '-1', '123456', '1.5'])
      expect(parsePortText(bad), bad).toBeNull();
  });
});
