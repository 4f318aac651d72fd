/** The app's version, injected by the CLI bundle (scripts/build-cli.mjs); a dev build says so. */
declare const __APP_VERSION__: string;

export const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';
