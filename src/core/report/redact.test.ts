import { describe, expect, it } from 'vitest';
import { calmSnapshot } from '../../../test/support/explainer-fixtures';
import { code, table } from './markdown';
import { createRedactor, endpointAddress, type PrivacyFacts } from './redact';

const facts = (over: Partial<PrivacyFacts> = {}): PrivacyFacts => ({
  hostnames: [],
  usernames: [],
  localAddresses: [],
  homeDir: '',
  ...over,
});

describe('createRedactor', () => {
  it('replaces an address only where it stands whole', () => {
    const redact = createRedactor(
      facts({ localAddresses: ['192.168.1.2', '::1', 'FE80::1'] }),
      null,
    );
    expect(
      redact('192.168.1.2 192.168.1.20 10.192.168.1.2 192.168.1.2.5223 [192.168.1.2]:80'),
    ).toBe('<local-ip-1> 192.168.1.20 10.192.168.1.2 <local-ip-1>.5223 [<local-ip-1>]:80');
    expect(redact('peer 2620:149:a44::1 and ::1 and fe80::1%en0 and fe80::12')).toBe(
      'peer 2620:149:a44::1 and <local-ip-2> and <local-ip-3>%en0 and fe80::12',
    );
  });

  it("adds every local endpoint of the snapshot to the Mac's own addresses", () => {
    const redact = createRedactor(facts(), calmSnapshot());
    expect(redact('from 192.168.1.20:50123 to 17.57.146.23:5223')).toBe(
      'from <local-ip-1>:50123 to 17.57.146.23:5223',
    );
  });

  it('replaces names as whole words in any case, paths included, but not inside longer words', () => {
    const redact = createRedactor(
      facts({ usernames: ['alice', 'root'], hostnames: ['mbp-7'] }),
      null,
    );
    expect(redact('/Users/alice/x ALICE alicent Malice root MBP-7.local mbp-70')).toBe(
      '/Users/<user>/x <user> alicent Malice root <host>.local mbp-70',
    );
  });

  it('replaces a home directory that does not hold the user name', () => {
    const redact = createRedactor(
      facts({ usernames: ['alice'], homeDir: '/Volumes/Data/ahome/' }),
      null,
    );
    expect(redact('/Volumes/Data/ahome/Library /Volumes/Data/ahome2')).toBe(
      '<home>/Library /Volumes/Data/ahome2',
    );
  });

  it('parses endpoints of both families', () => {
    expect(endpointAddress('192.168.1.20:50123')).toBe('192.168.1.20');
    expect(endpointAddress('[FE80::1%en0]:50123')).toBe('fe80::1');
    expect(endpointAddress('*')).toBe('*');
  });
});

describe('markdown helpers', () => {
  it('keeps backticks, pipes and newlines from breaking spans and rows', () => {
    expect(code('a `b` c')).toBe('``a `b` c``');
    expect(code('`x`')).toBe('`` `x` ``');
    expect(table(['a'], [['x|y\nz']])).toEqual(['| a |', '| --- |', '| x\\|y z |']);
  });
});
