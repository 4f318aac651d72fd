import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScutilProxy, systemProxySettings } from './scutil-proxy';

const REAL = readFileSync(
  new URL(
    '../../../test/fixtures/real/scutil/macos-10.15.7-pac.httptoolkit-151.txt',
    import.meta.url,
  ),
  'utf8',
);

describe('scutil --proxy', () => {
  it('reads the real capture (httptoolkit issue 151): a PAC URL, nothing else', () => {
    // The capture has 4 lines: open, 2 keys, close (wc -l).
    const parsed = parseScutilProxy(REAL);
    expect(parsed).toEqual({
      ok: true,
      unread: 0,
      dictionary: {
        ProxyAutoConfigEnable: '1',
        ProxyAutoConfigURLString: 'http://wpad.company.com/wpad.dat',
      },
    });
    if (!parsed.ok) return;
    expect(systemProxySettings(parsed.dictionary)).toEqual({
      http: null,
      https: null,
      socks: null,
      exceptions: [],
      pacUrl: 'http://wpad.company.com/wpad.dat',
      autoDiscovery: false,
    });
  });

  it('reads proxies, exceptions, <NULL> and blank values, and keeps per-interface settings apart', () => {
    const text = [
      '<dictionary> {',
      '  ExceptionsList : <array> {',
      '    0 : *.local',
      '    1 : 169.254/16',
      '  }',
      '  HTTPEnable : 1',
      '  HTTPPort : 8080',
      '  HTTPProxy : proxy.example',
      '  HTTPSEnable : 1',
      '  HTTPSPort : 3128',
      '  HTTPSProxy : secure.example',
      '  HTTPSUser : ',
      '  ProxyAutoConfigEnable : 0',
      '  ProxyAutoConfigURLString : <NULL>',
      '  SOCKSEnable : 0',
      '  __SCOPED__ : <dictionary> {',
      '    en0 : <dictionary> {',
      '      HTTPSEnable : 1',
      '      HTTPSProxy : scoped.example',
      '    }',
      '  }',
      '}',
    ].join('\n');
    const parsed = parseScutilProxy(text);
    expect(parsed.ok && parsed.unread).toBe(0);
    if (!parsed.ok) return;
    expect(parsed.dictionary.HTTPSUser).toBe('');
    expect(systemProxySettings(parsed.dictionary)).toEqual({
      http: { host: 'proxy.example', port: 8080 },
      https: { host: 'secure.example', port: 3128 },
      socks: null,
      exceptions: ['*.local', '169.254/16'],
      pacUrl: null,
      autoDiscovery: false,
    });
  });

  it('reads the empty configuration and counts lines it cannot read', () => {
    expect(parseScutilProxy('<dictionary> {\n}\n')).toEqual({
      ok: true,
      dictionary: {},
      unread: 0,
    });
    const odd = parseScutilProxy('<dictionary> {\n  HTTPEnable : 1\n  garbage\n}\n');
    expect(odd).toEqual({ ok: true, dictionary: { HTTPEnable: '1' }, unread: 1 });
  });

  it('refuses output with no dictionary, or one left open, in one line', () => {
    expect(parseScutilProxy('')).toEqual({
      ok: false,
      problem: 'no <dictionary> in the scutil --proxy output',
    });
    expect(parseScutilProxy('<dictionary> {\n  HTTPEnable : 1\n')).toEqual({
      ok: false,
      problem: 'the scutil --proxy output ends inside a block',
    });
  });
});
