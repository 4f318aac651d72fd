/**
 * The Electron app's locks, read from what `npm run build` produced (out/), since the Electron
 * binary cannot run on the build machines: the page's CSP, every window's webPreferences, the
 * navigation, window-open, webview and permission refusals, the scheme the page loads from and
 * the preload's one bridge. The live versions of these checks run in e2e/electron-app.spec.ts
 * where the binary exists; the fuses are in src/main/packaging-config.test.ts.
 */
import { EventEmitter } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import type { App, Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';

// windows.ts and web-security.ts also use electron's BrowserWindow, protocol and menubar, whose
// binary is not here: both modules are empty stand-ins (the code under test calls neither).
vi.mock('electron', () => ({}));
vi.mock('menubar', () => ({}));
import { PAGE_POLICY } from '../../src/server/security-headers';
import { secureWebPreferences } from '../../src/main/windows';
import { denyPermissions, hardenWebContents } from '../../src/main/web-security';

const root = join(import.meta.dirname, '..', '..');
const out = (...parts: string[]) => join(root, 'out', ...parts);
const built = existsSync(out('main', 'index.js')) && existsSync(out('renderer', 'index.html'));
if (!built)
  console.info('built-app security: skipped, out/ is missing (run `npm run build` first)');

const read = (...parts: string[]) => readFileSync(out(...parts), 'utf8');

/** `name value value; name value` -> { name: [values] }. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe.runIf(built)('the built renderer page (out/renderer)', () => {
  const html = built ? read('renderer', 'index.html') : '';

  it('declares a strict CSP: scripts, styles and connections from itself only, nothing inline', () => {
    const metas = [
      ...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/g),
    ];
    expect(metas).toHaveLength(1);
    const policy = directives(metas[0]![1]!);
    expect(policy).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
    });
    // The dashboard sends the same policy as a header: one policy, whichever host serves the page.
    expect(directives(PAGE_POLICY)).toEqual(policy);
  });

  it('has no inline script, no inline handler and only same-origin script files', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body!.trim()).toBe('');
      expect(attributes).toMatch(/\bsrc="\.\/assets\/[\w.-]+\.js"/);
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('ships script that needs neither eval nor new Function (the CSP would refuse both)', () => {
    const assets = readdirSync(out('renderer', 'assets')).filter((name) => name.endsWith('.js'));
    expect(assets.length).toBeGreaterThan(0);
    for (const name of assets) {
      const code = read('renderer', 'assets', name);
      expect(code, name).not.toMatch(/\beval\s*\(|\bnew Function\s*\(/);
    }
  });
});

describe.runIf(built)('the built main process (out/main)', () => {
  const main = built
    ? [
        read('main', 'index.js'),
        ...readdirSync(out('main', 'chunks'))
          .filter((n) => n.endsWith('.js'))
          .map((n) => read('main', 'chunks', n)),
      ].join('\n')
    : '';

  it('gives every window the one secure set of webPreferences', () => {
    expect(secureWebPreferences()).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    const uses = [...main.matchAll(/webPreferences:\s*([^\n,}]+)/g)].map((m) => m[1]!.trim());
    // The popover (through menubar's browserWindow option) and the fallback window.
    expect(uses).toEqual(['secureWebPreferences()', 'secureWebPreferences()']);
    const body = /function secureWebPreferences\(\) \{([\s\S]*?)\n\}/.exec(main)?.[1] ?? '';
    for (const line of [
      'contextIsolation: true',
      'sandbox: true',
      'nodeIntegration: false',
      'webSecurity: true',
    ])
      expect(body).toContain(line);
  });

  it('turns on none of the switches that would undo the sandbox', () => {
    const unsafe = [
      /nodeIntegration(InWorker|InSubFrames)?:\s*(true|!0)/,
      /contextIsolation:\s*(false|!1)/,
      /sandbox:\s*(false|!1)/,
      /webSecurity:\s*(false|!1)/,
      /allowRunningInsecureContent:\s*(true|!0)/,
      /webviewTag:\s*(true|!0)/,
      /experimentalFeatures:\s*(true|!0)/,
      /enableBlinkFeatures/,
      /bypassCSP/,
      /--no-sandbox|no-sandbox/,
      /\bloadFile\(/,
      /disable-web-security/,
    ];
    for (const pattern of unsafe) expect(main, String(pattern)).not.toMatch(pattern);
  });

  it('loads pages only from its own scheme and registers that scheme without CSP bypass', () => {
    const loads = [...main.matchAll(/\.loadURL\(([^)]*)\)/g)].map((m) => m[1]!.trim());
    // The fallback window's own call, and menubar's, which loads the `index` option we give it.
    expect(loads.sort()).toEqual([
      'INDEX_URL',
      'this._options.index, this._options.loadUrlOptions',
    ]);
    expect(main).toMatch(/\bindex: INDEX_URL,/);
    expect(main).toMatch(/INDEX_URL = `\$\{BUNDLE_SCHEME\}:\/\/\$\{BUNDLE_HOST\}\/index\.html`/);
    expect(main).toMatch(
      /registerSchemesAsPrivileged\(\[\s*\{ scheme: BUNDLE_SCHEME, privileges: \{ standard: true, secure: true, supportFetchAPI: true \} \}\s*\]\)/,
    );
  });

  it('loads nothing from node_modules at run time: Node built-ins, electron and its own chunks only', () => {
    // Every way an ES module bundle can reach another module: static and bare imports, re-exports,
    // import() and a require made by createRequire (rollup's CommonJS interop uses that one).
    const specifiers = [
      ...main.matchAll(
        /(?:\bfrom\s*|^import\s*|\bimport\s*\(\s*|\b(?:__)?require\d*\s*\(\s*)["'`]([^"'`]+)["'`]/gm,
      ),
    ].map((m) => m[1]!);
    expect(specifiers.length).toBeGreaterThan(10);
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const outside = specifiers.filter(
      (name) => !name.startsWith('./') && !name.startsWith('../') && name !== 'electron',
    );
    expect(outside.filter((name) => !builtins.has(name))).toEqual([]);
    // A require called with anything but a literal could still reach node_modules.
    expect(main).not.toMatch(/\b(?:__)?require\d*\(\s*[^"'`\s)]/);
  });

  it('locks web contents and denies permissions when the app starts', () => {
    expect(main).toMatch(/hardenWebContents\(electron\.app\)|hardenWebContents\(app\)/);
    expect(main).toMatch(/denyPermissions\([\w.]*defaultSession\)/);
  });
});

/** Stand-ins for Electron's App, WebContents and Session: event emitters that record handlers. */
class StandInContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
}

describe('web-contents locks (web-security.ts, with stand-ins for Electron objects)', () => {
  it('prevents every navigation and webview, and denies every new window', () => {
    const app = new EventEmitter();
    hardenWebContents(app as unknown as App);
    const contents = new StandInContents();
    app.emit('web-contents-created', {}, contents);
    for (const event of ['will-frame-navigate', 'will-attach-webview']) {
      let prevented = false;
      contents.emit(event, { preventDefault: () => (prevented = true) });
      expect(prevented, event).toBe(true);
    }
    for (const url of [
      'https://example.com',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'apsd-watch://bundle/index.html',
    ])
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
  });

  it('refuses every permission request and check', () => {
    let requestHandler: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    let checkHandler: (() => boolean) | null = null;
    const session = {
      setPermissionRequestHandler: (h: typeof requestHandler) => (requestHandler = h),
      setPermissionCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
    };
    denyPermissions(session as unknown as Session);
    for (const permission of [
      'media',
      'notifications',
      'clipboard-read',
      'geolocation',
      'openExternal',
    ]) {
      let granted: boolean | null = null;
      requestHandler!({}, permission, (ok) => (granted = ok));
      expect(granted, permission).toBe(false);
    }
    expect(checkHandler!()).toBe(false);
  });
});

describe.runIf(built)('the built preload (out/preload/index.cjs)', () => {
  const preload = built ? read('preload', 'index.cjs') : '';

  it('requires only electron and exposes one object, never ipcRenderer itself', () => {
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    const exposed = [...preload.matchAll(/exposeInMainWorld\(([^)]*)\)/g)].map((m) => m[1]!.trim());
    expect(exposed).toEqual(['"apsdWatch", client']);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(preload).not.toMatch(/ipcRenderer\s*[,}]/);
  });
});
