import { describe, expect, it } from 'vitest';
import { DerError, decodeOid, expectElement, readChildren, readElement } from './der';

const bytes = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex');

describe('readElement', () => {
  it('reads short and long lengths', () => {
    expect(readElement(bytes('04 02 aa bb'))).toMatchObject({ tag: 0x04, end: 4 });
    const long = Buffer.concat([bytes('04 81 80'), Buffer.alloc(0x80, 1)]);
    expect(readElement(long).value).toHaveLength(0x80);
    const longer = Buffer.concat([bytes('30 82 01 00'), Buffer.alloc(0x100, 0)]);
    expect(readElement(longer).end).toBe(4 + 0x100);
  });

  it('walks children in order', () => {
    const sequence = readElement(bytes('30 05 02 01 05 05 00'));
    expect(readChildren(sequence).map((child) => child.tag)).toEqual([0x02, 0x05]);
  });

  it('refuses truncated, indefinite and oversized input with one-line DerErrors', () => {
    const cases: [string, RegExp][] = [
      ['', /no element at offset 0/],
      ['30', /truncated length/],
      ['30 05 02 01', /runs past the end/],
      ['30 80 00 00', /indefinite length/],
      ['30 85 01 01 01 01 01', /length of 5 octets/],
      ['30 82 01', /truncated length/],
      ['1f 01 00', /multi-byte tag/],
    ];
    for (const [hex, message] of cases) {
      const error = (() => {
        try {
          readElement(bytes(hex));
        } catch (caught) {
          return caught;
        }
        return null;
      })();
      expect(error, hex).toBeInstanceOf(DerError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('names what it expected when the tag is wrong', () => {
    expect(() => expectElement(bytes('04 00'), 0, 0x30, 'Certificate')).toThrow(
      'DER: expected Certificate (tag 0x30), found tag 0x04 at offset 0',
    );
  });

  it('survives random junk without anything but DerErrors', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff;
    for (let round = 0; round < 500; round++) {
      const junk = Buffer.from(Array.from({ length: 1 + (round % 40) }, next));
      try {
        const element = readElement(junk);
        if (element.tag & 0x20) readChildren(element);
      } catch (error) {
        expect(error).toBeInstanceOf(DerError);
      }
    }
  });
});

describe('decodeOid', () => {
  it("decodes Apple's push markers and standard OIDs", () => {
    expect(decodeOid(bytes('2a 86 48 86 f7 63 64 06 02 0c'))).toBe('1.2.840.113635.100.6.2.12');
    expect(decodeOid(bytes('2a 86 48 86 f7 63 64 06 1b 05 02'))).toBe(
      '1.2.840.113635.100.6.27.5.2',
    );
    expect(decodeOid(bytes('55 1d 25 00'))).toBe('2.5.29.37.0');
    expect(decodeOid(bytes('2b 06 01 05 05 07 03 01'))).toBe('1.3.6.1.5.5.7.3.1');
  });

  it('handles a first arc of 2 with a second arc above 39', () => {
    expect(decodeOid(bytes('88 37'))).toBe('2.999');
  });

  it('refuses an empty OID and one that ends mid-arc', () => {
    expect(() => decodeOid(bytes(''))).toThrow(DerError);
    expect(() => decodeOid(bytes('2a 86'))).toThrow('DER: OBJECT IDENTIFIER ends mid-arc');
  });
});
