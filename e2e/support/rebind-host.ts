/**
 * A name Chromium resolves to 127.0.0.1 (playwright.config.ts maps it), standing in for an
 * attacker's domain re-pointed at loopback: the DNS rebinding case the Host check must stop.
 */
export const REBIND_HOST = 'apsd-rebind.test';
