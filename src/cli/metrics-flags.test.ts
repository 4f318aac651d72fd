import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/support/cli-harness';
import { parseListenAddress } from './metrics-flags';

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'apsd-metrics-flags-'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

describe('serve metrics flags', () => {
  it('parses ADDR:PORT with IPv4 and bracketed IPv6 addresses only', () => {
    expect(parseListenAddress('192.168.1.44:9523')).toEqual({ host: '192.168.1.44', port: 9523 });
    expect(parseListenAddress('[::]:9523')).toEqual({ host: '::', port: 9523 });
    expect(() => parseListenAddress('mac.local:9523')).toThrow(
      /expected ADDR:PORT with an IP address/,
    );
    expect(() => parseListenAddress('::1:9523')).toThrow(/expected ADDR:PORT/);
    expect(() => parseListenAddress('10.0.0.1:70000')).toThrow(/expected a port number 0-65535/);
  });

  it('refuses a listen address without a token, and a token without a listen address, in one line', async () => {
    const cases: [string[], RegExp][] = [
      [['--metrics-listen', '0.0.0.0:9523'], /needs --metrics-token-file FILE/],
      [['--metrics-token-file', join(base, 'token')], /only with --metrics-listen/],
      [['--metrics', '--metrics-token-file', join(base, 'token')], /only with --metrics-listen/],
      [['--metrics-port', '9523', '--metrics-listen', '0.0.0.0:9523'], /give one, not both/],
      [
        ['--metrics-listen', '0.0.0.0:9523', '--metrics-token-file', join(base, 'missing')],
        /ENOENT/,
      ],
      [['--metrics-port', '99999'], /--metrics-port: expected a port number/],
    ];
    for (const [args, message] of cases) {
      const run = await runCliCaptured(['serve', '--data-dir', join(base, 'data'), ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.err, args.join(' ')).toMatch(message);
      expect(run.err.trim().split('\n')).toHaveLength(1);
      expect(run.out).toBe('');
    }
  });

  it('never prints the token, even when the file holds something that is not one', async () => {
    const file = join(base, 'bad-token');
    await writeFile(file, 'two words here\n', { mode: 0o600 });
    const run = await runCliCaptured([
      'serve',
      '--metrics-listen',
      '127.0.0.1:0',
      '--metrics-token-file',
      file,
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/expected one line of 16-512 visible ASCII characters/);
    expect(run.err).not.toContain('two words');
  });
});
