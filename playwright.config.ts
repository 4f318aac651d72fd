import { defineConfig } from '@playwright/test';
import { REBIND_HOST } from './e2e/support/rebind-host';

/** Debian's Chromium: Playwright cannot download its own browser on these machines. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    viewport: { width: 380, height: 560 },
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        // DNS rebinding stand-in for e2e/dashboard-security.spec.ts.
        `--host-resolver-rules=MAP ${REBIND_HOST} 127.0.0.1`,
      ],
    },
  },
});
