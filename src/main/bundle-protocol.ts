/**
 * Registers the `apsd-watch://` scheme the popover loads from (see bundle-files.ts). It must be
 * declared privileged before the app is ready: standard (a real origin, so CSP 'self' and module
 * scripts work) and secure; it serves nothing but the built renderer folder.
 */
import { protocol } from 'electron';
import { BUNDLE_SCHEME, bundleResponse } from './bundle-files';
import { RENDERER_DIR } from './window-options';

export function declareBundleScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: BUNDLE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Call once the app is ready; the popover and the fallback window use the default session. */
export function serveBundle(): void {
  protocol.handle(BUNDLE_SCHEME, (request) => bundleResponse(RENDERER_DIR, request.url));
}
