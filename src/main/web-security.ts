/**
 * What the app's pages may load and do. They load from the private `apsd-watch://` scheme, which
 * serves nothing but the built renderer folder (see bundle-files.ts). Every page is locked (after
 * electron/fiddle): no navigation away from the bundled page, no new windows, no webviews, no
 * permission prompts. Links go through the `link:open` IPC channel and its allowlist instead.
 */
import { type App, protocol, type Session } from 'electron';
import { BUNDLE_SCHEME, bundleResponse } from './bundle-files';
import { RENDERER_DIR } from './windows';

/**
 * Declares the scheme privileged, which must happen before the app is ready: standard (a real
 * origin, so CSP 'self' and module scripts work) and secure.
 */
export function declareBundleScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: BUNDLE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Call once the app is ready; the popover and the fallback window use the default session. */
export function serveBundle(): void {
  protocol.handle(BUNDLE_SCHEME, (request) => bundleResponse(RENDERER_DIR, request.url));
}

/** Every page the app creates: no navigation, no new windows, no webviews. */
export function hardenWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => {
    // Covers the main frame (what 'will-navigate' sees) and every subframe.
    contents.on('will-frame-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** The popover needs no camera, notifications-from-the-page, clipboard-read or anything else. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
