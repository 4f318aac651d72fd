import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeCertificates } from '../../core/probe/probe-certificates';
import type { ProbeResult } from '../../shared/probe';
import {
  lookupLoopback,
  startSilentServer,
  startTlsServer,
  type RunningServer,
} from '../../../test/fixtures/tls/loopback-servers';
import { createTestPki, type TestPki } from '../../../test/fixtures/tls/test-pki';
import type { CommandIo } from '../command';
import { runCli } from '../run-cli';
import { renderProbeResult } from './probe';

let pki: TestPki;
let server: RunningServer;
let silent: RunningServer;

beforeAll(async () => {
  pki = await createTestPki();
  const leaf = await pki.issueLeaf({
    commonName: 'courier.push.apple.com',
    dnsNames: ['courier.push.apple.com'],
    appleMarker: true,
  });
  server = await startTlsServer({
    key: leaf.keyPem,
    certChain: leaf.certPem + pki.intermediate.certPem,
    version: 'TLSv1.2',
    requireClientCert: { ca: pki.root.certPem },
  });
  silent = await startSilentServer();
});

afterAll(async () => {
  await server?.close();
  await silent?.close();
  await pki?.cleanup();
});

async function cli(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  const io: CommandIo = {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: {},
    interrupted: new Promise(() => undefined),
  };
  const code = await runCli(args, io);
  return { code, out, err };
}

const dialLoopback = () => [
  'probe',
  '--host',
  '127.0.0.1',
  '--port',
  String(server.port),
  '--servername',
  'courier.push.apple.com',
  '--timeout',
  '5',
];

describe('apsd-watch probe', () => {
  it('prints the verdict, its reasons and the chain as an aligned table, exit 0', async () => {
    const { code, out, err } = await cli(dialLoopback());
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.split('\n');
    // The test root is not trusted by the CLI, so the verdict must be the alarming one.
    expect(lines[0]).toBe("Not Apple's push chain: this connection could be intercepted.");
    expect(lines).toContain('  - No trusted root issued certificate 1 (Test Push Intermediate).');
    const header = lines.find((line) => line.startsWith('#  role'))!;
    const leafRow = lines.find((line) => line.startsWith('0  leaf'))!;
    const intermediateRow = lines.find((line) => line.startsWith('1  intermediate'))!;
    for (const column of ['subject', 'issuer', 'valid to', 'Apple marker', 'usage', 'names']) {
      const at = header.indexOf(column);
      expect(at, column).toBeGreaterThan(0);
      expect(leafRow[at - 1], column).toBe(' ');
      expect(intermediateRow[at - 1], column).toBe(' ');
    }
    expect(leafRow.slice(header.indexOf('subject'))).toMatch(/^courier\.push\.apple\.com /);
    expect(leafRow.slice(header.indexOf('Apple marker'))).toMatch(/^leaf /);
    expect(intermediateRow.slice(header.indexOf('Apple marker'))).toMatch(/^intermediate /);
    expect(out).toMatch(/^ {2}0 {2}([0-9A-F]{2}:){31}[0-9A-F]{2}$/m);
  });

  it('prints the ProbeResult with --json', async () => {
    const { code, out } = await cli([...dialLoopback(), '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(out) as ProbeResult;
    expect(result.verdict.kind).toBe('not-apple');
    expect(result.protocol).toBe('TLSv1.2');
    expect(result.chain.map((certificate) => certificate.appleMarker)).toEqual([
      'leaf',
      'intermediate',
    ]);
  });

  it('exits 0 with the unreachable verdict when the server never answers', async () => {
    const { code, out } = await cli([
      'probe',
      '--host',
      '127.0.0.1',
      '--port',
      String(silent.port),
      '--timeout',
      '0.2',
    ]);
    expect(code).toBe(0);
    expect(out.split('\n').slice(0, 2)).toEqual([
      `Could not get a certificate from 127.0.0.1:${silent.port}.`,
      `  - 127.0.0.1:${silent.port} did not answer within 0.2 s.`,
    ]);
  });

  const usageErrors: [string[], string][] = [
    [['--port', '70000'], "--port must be from 1 to 65535: '70000'"],
    [['--port', 'http'], "--port must be a number from 1 to 65535, not 'http'"],
    [['--host', 'bad host;rm'], "--host is not a host name: 'bad host;rm'"],
    [['--servername', ''], "--servername is not a host name: ''"],
    [['--timeout', '0'], "--timeout must be a number of seconds above 0 and at most 120, not '0'"],
    [
      ['--timeout', 'soon'],
      "--timeout must be a number of seconds above 0 and at most 120, not 'soon'",
    ],
  ];
  for (const [args, message] of usageErrors) {
    it(`refuses ${args.join(' ')} with exit 2 and one line`, async () => {
      const { code, out, err } = await cli(['probe', ...args]);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toBe(`apsd-watch probe: ${message}\n`);
    });
  }

  it('refuses positional arguments and unknown flags with exit 2', async () => {
    expect((await cli(['probe', 'courier.push.apple.com'])).code).toBe(2);
    expect((await cli(['probe', '--insecure'])).code).toBe(2);
  });
});

describe('renderProbeResult', () => {
  it('shows a verified Apple chain with its root and the generic-leaf verdict', async () => {
    const result = await probeCertificates(
      { host: '1-courier.push.apple.com', port: server.port },
      { lookup: lookupLoopback, ca: [pki.root.certPem], timeoutMs: 5_000, platform: 'linux' },
    );
    const text = renderProbeResult(result);
    expect(text.split('\n')[0]).toBe(result.verdict.headline);
    expect(result.verdict.kind).toBe('apple-chain-generic-leaf');
    expect(text).toContain('Chain verified to Test Root CA.');
    expect(text).toContain(
      `Probed 1-courier.push.apple.com:${server.port} (server name courier.push.apple.com)`,
    );
    expect(text).toContain(`  1  ${result.chain[1]!.sha256}`);
  });
});
