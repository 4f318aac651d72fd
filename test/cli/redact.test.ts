/**
 * `apsd-watch redact` on captures holding this machine's real names and addresses (read from the
 * OS, as the report's redactor reads them), and on a real capture from test/fixtures/real: every
 * line comes out, the private parts replaced, Apple's and other remote addresses kept.
 */
import { readFileSync } from 'node:fs';
import { hostname, networkInterfaces, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/cli-harness';

const host = hostname();
const user = userInfo().username;
const localAddress = Object.values(networkInterfaces())
  .flat()
  .map((entry) => entry?.address ?? '')
  .find((address) => address && !address.startsWith('127.') && address !== '::1');

describe('apsd-watch redact', () => {
  it("replaces this machine's host name, user name and local addresses, line for line", async () => {
    const lines = [
      `Last login: ${user} on ttys000 at ${host}`,
      `tcp4  0  0  ${localAddress ?? '192.0.2.1'}.50123  17.57.144.12.5223  ESTABLISHED  apsd:123`,
      `/Users/${user}/Library/Logs/apsd.log`,
      'tcp4  0  0  *.5223  *.*  LISTEN',
      '    push token: Yes, {length = 32, bytes = 0x8f3ea1c0 9b2d4e6f ... 11aa22bb 33cc44dd}',
    ];
    const { code, out, err } = await runCliCaptured(['redact', '-'], {
      stdin: `${lines.join('\n')}\n`,
      env: { USER: user },
    });
    expect(err).toBe('');
    expect(code).toBe(0);
    const printed = out.split('\n');
    expect(printed).toHaveLength(lines.length + 1);
    expect(out).not.toContain(host.split('.')[0]!);
    if (user !== 'root') expect(out).not.toMatch(new RegExp(`\\b${user}\\b`));
    if (localAddress) expect(out).not.toContain(localAddress);
    else console.info('redact: no non-loopback interface here; the local-address case used none');
    expect(printed[0]).toContain('<host>');
    expect(printed[1]).toContain('17.57.144.12.5223');
    expect(printed[3]).toBe(lines[3]);
    expect(printed[4]).toBe('    push token: Yes, [token removed]');
    expect(out).not.toMatch(/8f3ea1c0|33cc44dd/);
  });

  it('passes a real capture through whole: the same number of lines', async () => {
    const file = join(
      import.meta.dirname,
      '..',
      'fixtures',
      'real',
      'netstat',
      'macos-10.14-mojave-vnp-tcp.node-netstat-26.txt',
    );
    const text = readFileSync(file, 'utf8');
    const { code, out } = await runCliCaptured(['redact', file]);
    expect(code).toBe(0);
    expect(out.split('\n').length).toBe(text.replace(/\n$/, '').split('\n').length + 1);
  });

  it('refuses no file and two files in one line each', async () => {
    for (const args of [['redact'], ['redact', 'a', 'b']]) {
      const { code, err } = await runCliCaptured(args);
      expect(code).toBe(2);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(/expected one file/);
    }
  });

  it('says in one line when a file cannot be read', async () => {
    const { code, err } = await runCliCaptured(['redact', '/nonexistent/apsd-watch-capture.txt']);
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});
