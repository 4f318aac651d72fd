/**
 * Locks every web page the app creates (after electron/fiddle): no navigation away from the
 * bundled page, no new windows, no webviews, no permission prompts. Links go through the
 * `link:open` IPC channel and its allowlist instead.
 */
import type { App, Session } from 'electron';

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
