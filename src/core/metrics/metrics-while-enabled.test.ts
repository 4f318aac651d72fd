import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAll,
  createFinWait1,
  openLoopbackServer,
  type LoopbackServer,
} from '../../../test/support/loopback-sockets';
import { freePort } from '../../../test/support/prometheus';
import { createEngine } from '../engine';
import type { Engine } from '../engine-api';
import { serveMetricsWhileEnabled } from './metrics-while-enabled';

const onLinux = process.platform === 'linux';
if (!onLinux) console.info('skipped: the app-metrics test samples Linux loopback sockets with ss');

async function scrape(port: number): Promise<string | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    return response.ok ? await response.text() : null;
  } catch {
    return null; // nothing listening
  }
}

describe.runIf(onLinux)("the app's /metrics follows its settings", () => {
  let base: string;
  let sockets: LoopbackServer;
  let engine: Engine;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'apsd-app-metrics-'));
    sockets = await openLoopbackServer();
    await createFinWait1(sockets, 3);
    engine = createEngine({
      dataDir: base,
      rules: { processes: [], peerPorts: [sockets.port], peerCidrs: ['127.0.0.0/8'] },
      logSource: { kind: 'none' },
      intervalSeconds: 60,
    });
    await engine.start();
  });

  afterAll(async () => {
    await engine.stop();
    await closeAll();
    await rm(base, { recursive: true, force: true });
  });

  it('is off by default, starts when enabled, moves with the port and stops when disabled', async () => {
    const errors: string[] = [];
    const metrics = serveMetricsWhileEnabled(engine, {
      version: 't',
      onError: (e) => errors.push(e),
    });
    try {
      await metrics.settled();
      expect(metrics.current()).toBeNull();

      const first = await freePort();
      await engine.updateSettings({ metrics: { enabled: true, port: first } });
      await metrics.settled();
      expect(await scrape(first)).toMatch(/^apsd_connections\{state="FIN_WAIT_1"\} 3$/m);
      expect(await scrape(first)).toMatch(/^process_resident_memory_bytes /m);

      const second = await freePort();
      await engine.updateSettings({ metrics: { port: second } });
      await metrics.settled();
      expect(await scrape(second)).toMatch(/^apsd_connections\{state="FIN_WAIT_1"\} 3$/m);
      expect(await scrape(first)).toBeNull();

      await engine.updateSettings({ metrics: { enabled: false } });
      await metrics.settled();
      expect(await scrape(second)).toBeNull();
      expect(errors).toEqual([]);
    } finally {
      await metrics.stop();
      await engine.updateSettings({ metrics: { enabled: false } });
    }
  });

  it('says once when its port is taken, and tries again when the settings change', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const errors: string[] = [];
    const metrics = serveMetricsWhileEnabled(engine, {
      version: 't',
      onError: (e) => errors.push(e),
    });
    try {
      await engine.updateSettings({ metrics: { enabled: true, port } });
      await metrics.settled();
      await engine.sampleNow();
      await metrics.settled();
      expect(errors).toEqual([`metrics: 127.0.0.1:${port} is already in use`]);
      await new Promise<void>((resolve) => taken.close(() => resolve()));
      await engine.updateSettings({ metrics: { enabled: false } });
      await engine.updateSettings({ metrics: { enabled: true } });
      await metrics.settled();
      expect(await scrape(port)).toMatch(/^apsd_connections\{state="FIN_WAIT_1"\} 3$/m);
    } finally {
      await metrics.stop();
      taken.close();
    }
    expect(await scrape(port)).toBeNull();
  });
});
