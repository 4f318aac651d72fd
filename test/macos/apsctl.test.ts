/**
 * On a Mac: the real `apsctl status`, read by the app's reader. It finds a connection environment
 * and a client, or says plainly why not. With APSD_WATCH_CAPTURE_DIR set (the macOS CI job), its
 * output is written there with every token removed by the app's own scrubTokens, so the next
 * person can commit it as the first real fixture.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/core/exec/run-command';
import { readApsctl, APSCTL_ARGS, APSCTL_PATH } from '../../src/core/push-clients/read-apsctl';
import { scrubTokens } from '../../src/core/push-clients/scrub-tokens';
import { onMacOnly } from '../support/mac-only';

describe.runIf(onMacOnly('reading the real apsctl status'))('the real apsctl status', () => {
  it('finds a connection environment and a client, or says why not', async () => {
    const read = await readApsctl({ platform: 'darwin' });
    const artifactDir = process.env.APSD_WATCH_CAPTURE_DIR;
    if (artifactDir) {
      const raw = await runCommand(APSCTL_PATH, APSCTL_ARGS, { timeoutMs: 10_000 }).then(
        (result) => result.stdout,
        (error: Error) => `apsctl status failed: ${error.message}\n`,
      );
      mkdirSync(artifactDir, { recursive: true });
      writeFileSync(join(artifactDir, 'apsctl-status.scrubbed.txt'), scrubTokens(raw));
      writeFileSync(join(artifactDir, 'apsctl-source.json'), JSON.stringify(read.source, null, 2));
    }
    if (read.source.status !== 'ok') {
      console.info(`apsctl status not read here: ${read.source.detail ?? read.source.status}`);
      expect(read.source.detail).toBeTruthy();
      return;
    }
    console.info(
      `apsctl status: ${read.reading!.environments.length} environments, ${read.reading!.clients.length} clients, ${read.reading!.linesNotRead} lines not read`,
    );
    expect(read.reading!.environments.length).toBeGreaterThan(0);
    expect(read.reading!.clients.length).toBeGreaterThan(0);
  });
});
