import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePac, fetchPac, PAC_MAX_BYTES, parsePacAnswer } from './pac-file';

const URLS = ['https://1-courier.push.apple.com:5223/', 'https://1-courier.push.apple.com/'];
const RESOLVED = new Map([['1-courier.push.apple.com', '17.249.0.10']]);

describe('PAC evaluation in the QuickJS sandbox', () => {
  it('answers per URL, with dnsResolve fed from names the check resolved', async () => {
    const pac = `function FindProxyForURL(url, host) {
      if (dnsDomainIs(host, '.push.apple.com') && isInNet(dnsResolve(host), '17.0.0.0', '255.0.0.0'))
        return url.indexOf(':5223') > 0 ? 'PROXY push-proxy.test:3128; DIRECT' : 'PROXY push-proxy.test:8080';
      return 'PROXY other.test:9999';
    }`;
    const result = await evaluatePac(pac, URLS, RESOLVED);
    expect(result.problem).toBeNull();
    expect(result.answers.get(URLS[0]!)).toEqual({
      ok: true,
      answer: 'PROXY push-proxy.test:3128; DIRECT',
    });
    expect(result.answers.get(URLS[1]!)).toEqual({
      ok: true,
      answer: 'PROXY push-proxy.test:8080',
    });
  });

  it('refuses a PAC that does not compile, or has no FindProxyForURL, in one line', async () => {
    const broken = await evaluatePac(
      'function FindProxyForURL(url, host) { return "PROXY',
      URLS,
      RESOLVED,
    );
    expect(broken.problem).toMatch(/^the PAC file was refused: /);
    expect(broken.problem).not.toMatch(/\n/);
    const none = await evaluatePac('var x = 1;', URLS, RESOLVED);
    expect(none.problem).toMatch(/FindProxyForURL/);
  });

  it('stops a PAC that loops forever, or eats memory, and refuses one that is too large', async () => {
    const loop = await evaluatePac(
      'function FindProxyForURL(u, h) { for (;;) {} }',
      URLS.slice(0, 1),
      RESOLVED,
    );
    expect(loop.answers.get(URLS[0]!)).toEqual({
      ok: false,
      problem: 'FindProxyForURL failed: it ran past 2 s',
    });
    const hog = await evaluatePac(
      'function FindProxyForURL(u, h) { var a = []; for (;;) a.push(new Array(100000).fill("x")); }',
      URLS.slice(0, 1),
      RESOLVED,
    );
    expect(hog.answers.get(URLS[0]!)).toMatchObject({ ok: false });
    const huge = await evaluatePac(`// ${'x'.repeat(PAC_MAX_BYTES)}`, URLS, RESOLVED);
    expect(huge.problem).toMatch(/over the 1024 KB this check reads/);
  });

  it('gives a hostile PAC no file system, process or network to reach', async () => {
    const pac = `function FindProxyForURL(u, h) {
      var seen = [typeof require, typeof process, typeof fetch, typeof XMLHttpRequest, typeof std, typeof os,
        typeof WebAssembly];
      return 'PROXY ' + seen.join(',') + ':1';
    }`;
    const result = await evaluatePac(pac, URLS.slice(0, 1), RESOLVED);
    expect(result.answers.get(URLS[0]!)).toEqual({
      ok: true,
      answer: 'PROXY undefined,undefined,undefined,undefined,undefined,undefined,undefined:1',
    });
    // dnsResolve answers only names already resolved: anything else is null, no lookup happens.
    const dns = await evaluatePac(
      'function FindProxyForURL(u, h) { return "PROXY " + dnsResolve("exfil.example.com") + ":1"; }',
      URLS.slice(0, 1),
      RESOLVED,
    );
    expect(dns.answers.get(URLS[0]!)).toEqual({ ok: true, answer: 'PROXY null:1' });
  });

  it('splits an answer into directives in order', () => {
    expect(parsePacAnswer('PROXY a:1; HTTPS b:2;SOCKS5 c:3 ; DIRECT; bogus')).toEqual({
      directives: [
        { kind: 'PROXY', target: 'a:1' },
        { kind: 'HTTPS', target: 'b:2' },
        { kind: 'SOCKS', target: 'c:3' },
        { kind: 'DIRECT', target: '' },
      ],
      unread: 1,
    });
  });
});

describe('PAC fetching', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/ok.pac')
        response.end('function FindProxyForURL(u, h) { return "DIRECT"; }');
      else if (request.url === '/huge.pac') {
        response.writeHead(200);
        const chunk = 'x'.repeat(64 * 1024);
        for (let i = 0; i < 20; i++) response.write(chunk);
        response.end();
      } else if (request.url === '/slow.pac') setTimeout(() => response.end('late'), 3_000);
      else {
        response.writeHead(404);
        response.end();
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('fetches a PAC file over http', async () => {
    expect(await fetchPac(`${base}/ok.pac`, 2_000)).toEqual({
      ok: true,
      text: 'function FindProxyForURL(u, h) { return "DIRECT"; }',
    });
  });

  it('refuses huge, slow, missing and non-http PAC files in one line each', async () => {
    expect(await fetchPac(`${base}/huge.pac`, 2_000)).toEqual({
      ok: false,
      problem: 'the PAC file is over the 1024 KB this check reads',
    });
    expect(await fetchPac(`${base}/slow.pac`, 300)).toEqual({
      ok: false,
      problem: 'the PAC file did not arrive within 0.3 s',
    });
    expect(await fetchPac(`${base}/missing.pac`, 2_000)).toEqual({
      ok: false,
      problem: 'the PAC file answered HTTP 404',
    });
    expect(await fetchPac('file:///etc/passwd', 2_000)).toEqual({
      ok: false,
      problem: 'the PAC address uses file:, not http or https: not read',
    });
  });
});
