import { defineConfig } from '@playwright/test';
import { REBIND_HOST } from './e2e/support/rebind-host';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    viewport: { width: 380, height: 560 },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        ...CHROMIUM_ARGS,
        // DNS rebinding stand-in for e2e/dashboard-security.spec.ts.
        `--host-resolver-rules=MAP ${REBIND_HOST} 127.0.0.1`,
      ],
    },
  },
});
