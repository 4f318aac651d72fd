import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleResponse, INDEX_URL, resolveBundleFile } from './bundle-files';

let parent: string;
let root: string;

beforeAll(() => {
  parent = mkdtempSync(join(tmpdir(), 'apsd-bundle-'));
  root = join(parent, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>apsd-watch</title>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log("popover")');
  writeFileSync(join(root, 'assets', 'notes.txt'), 'not part of a Vite build');
  writeFileSync(join(parent, 'secret.json'), '{"token":"do not serve"}');
});

afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('resolveBundleFile', () => {
  it('maps the index URL and the root to index.html', () => {
    expect(resolveBundleFile(root, INDEX_URL)).toBe(join(root, 'index.html'));
    expect(resolveBundleFile(root, 'apsd-watch://bundle/')).toBe(join(root, 'index.html'));
  });

  it('keeps a literal dot-dot path inside the bundle (the URL parser removes it)', () => {
    expect(resolveBundleFile(root, 'apsd-watch://bundle/../secret.json')).toBe(
      join(root, 'secret.json'),
    );
  });

  it.each([
    ['another host', 'apsd-watch://other/index.html'],
    ['another scheme', 'file:///index.html'],
    ['an encoded dot-dot path', 'apsd-watch://bundle/assets/..%2F..%2Fsecret.json'],
    ['a backslash path', 'apsd-watch://bundle/assets%5C..%5C..%5Csecret.json'],
    ['a NUL byte', 'apsd-watch://bundle/index.html%00.js'],
    ['a broken escape', 'apsd-watch://bundle/%E0%A4%A.js'],
    ['a file type Vite does not emit', 'apsd-watch://bundle/assets/notes.txt'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_label, url) => {
    expect(resolveBundleFile(root, url)).toBeNull();
  });
});

describe('bundleResponse', () => {
  it('serves the page and its scripts from disk with their content types', async () => {
    const page = await bundleResponse(root, INDEX_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>apsd-watch</title>');

    const script = await bundleResponse(root, 'apsd-watch://bundle/assets/index-abc123.js?v=1');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("popover")');
  });

  it('answers 404 for a missing file and for anything outside the bundle', async () => {
    expect((await bundleResponse(root, 'apsd-watch://bundle/assets/gone.js')).status).toBe(404);
    const escape = await bundleResponse(root, 'apsd-watch://bundle/assets/..%2F..%2Fsecret.json');
    expect(escape.status).toBe(404);
    expect(await escape.text()).not.toContain('token');
    const dotDot = await bundleResponse(root, 'apsd-watch://bundle/../secret.json');
    expect(dotDot.status).toBe(404);
  });
});
