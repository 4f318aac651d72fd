/**
 * The engine end to end in Node: real loopback sockets, a real log file followed live, real data
 * files. What the popover and the CLI show comes from exactly this.
 */
import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/core/engine';
import type { Engine } from '../../src/core/engine-api';
import type { AppNotification, Snapshot } from '../../src/shared/snapshot';
import {
  closeAll,
  createEstablished,
  createFinWait1,
  openLoopbackServer,
  type LoopbackServer,
} from '../support/loopback-sockets';

const onLinux = process.platform === 'linux';
if (!onLinux) console.info('skipped: the engine loopback test samples Linux loopback sockets (ss)');

/** A syslog line as macOS 10.9-10.11 wrote it, stamped now. */
function syslogLine(message: string, at = new Date()): string {
  const month = at.toLocaleString('en-US', { month: 'short' });
  const day = String(at.getDate()).padStart(2, ' ');
  const time = at.toTimeString().slice(0, 8);
  return `${month} ${day} ${time} mac.local apsd[106]: ${message}\n`;
}

function nextSnapshot(
  engine: Engine,
  predicate: (s: Snapshot) => boolean,
  timeoutMs = 15_000,
): Promise<Snapshot> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      engine.off('snapshot', onSnapshot);
      reject(new Error('no matching snapshot in time'));
    }, timeoutMs);
    const onSnapshot = (s: Snapshot) => {
      if (!predicate(s)) return;
      clearTimeout(timer);
      engine.off('snapshot', onSnapshot);
      resolve(s);
    };
    engine.on('snapshot', onSnapshot);
  });
}

describe.runIf(onLinux)(
  'engine on real sockets and a followed log file',
  { timeout: 90_000 },
  () => {
    let server: LoopbackServer;
    let dir: string;
    let logFile: string;
    let engine: Engine;
    const notifications: AppNotification[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'apsd-watch-engine-'));
      logFile = join(dir, 'system.log');
      writeFileSync(
        logFile,
        syslogLine('Unrecognized leaf certificate', new Date(Date.now() - 90 * 60_000)),
      );
      server = await openLoopbackServer();
      await createEstablished(server, 2);
      await createFinWait1(server, 3);
      engine = createEngine({
        dataDir: join(dir, 'data'),
        intervalSeconds: 1,
        rules: { processes: [], peerPorts: [server.port], peerCidrs: ['127.0.0.0/8'] },
        logSource: { kind: 'syslog-file', path: logFile, backfillArchives: false },
        platform: 'linux',
        appVersion: 'test',
      });
      engine.on('notification', (n) => notifications.push(n));
    });

    afterEach(() => {
      notifications.length = 0;
    });

    afterAll(async () => {
      await engine?.stop();
      await closeAll();
      rmSync(dir, { recursive: true, force: true });
    });

    it('emits a first snapshot with the sockets and the back-filled log line', async () => {
      await engine.start();
      const first = engine.latest()!;
      expect(first.connections.byState.ESTABLISHED).toBe(2);
      expect(first.connections.finWait1.count).toBe(3);
      expect(first.logs.byKind['leaf-certificate']).toBe(1);
      expect(first.source.logs.from).toBe(logFile);
      expect(
        first.verdict.reasons.some((r) => r.startsWith('Connected: 2 ESTABLISHED connections')),
      ).toBe(true);
    });

    it('notices a FIN_WAIT_1 spike once, after it is sustained', async () => {
      await engine.updateSettings({ spike: { minCount: 10, sensitivity: 'normal' } });
      // The detector first learns the usual level; a rise during that warm-up becomes the baseline.
      await nextSnapshot(engine, (s) => s.spike.baselineSamples >= 6);
      await createFinWait1(server, 40);
      const spiking = await nextSnapshot(engine, (s) => s.spike.active);
      expect(spiking.connections.finWait1.count).toBeGreaterThanOrEqual(43);
      expect(spiking.verdict.level).toBe('alert');
      // Several more samples of the same episode: still one notification.
      await nextSnapshot(engine, (s) => Date.parse(s.takenAt) > Date.parse(spiking.takenAt) + 2500);
      const spikes = notifications.filter((n) => n.kind === 'spike');
      expect(spikes).toHaveLength(1);
      expect(spikes[0]!.title).toMatch(/^4\d apsd connections stuck in FIN_WAIT_1$/);
    });

    it('raises a trust failure from a line appended to the followed file, as serious', async () => {
      appendFileSync(
        logFile,
        syslogLine('Failed to evaluate trust: No error. (0), result=5; retrying with system roots'),
      );
      appendFileSync(logFile, syslogLine('Untrusted peer, closing connection immediately'));
      const seen = await nextSnapshot(engine, (s) => s.logs.byKind['trust-failure'] >= 2);
      expect(seen.verdict.level).toBe('alert');
      expect(seen.verdict.headline).toMatch(/trust failure/i);
      const trust = notifications.filter((n) => n.kind === 'trust-failure');
      expect(trust).toHaveLength(1); // two lines, one burst, one notification
    });

    it('keeps settings and history across a restart', async () => {
      await engine.updateSettings({ trayTitle: 'always' });
      expect(engine.history('1h').points.length).toBeGreaterThan(3);
      await engine.stop();
      const again = createEngine({
        dataDir: join(dir, 'data'),
        logSource: { kind: 'none' },
        platform: 'linux',
      });
      await again.start();
      try {
        expect(again.settings().trayTitle).toBe('always');
        expect(again.settings().spike.minCount).toBe(10);
        expect(again.history('1h').points.length).toBeGreaterThan(3);
        expect(again.history('1h').markers.some((m) => m.kind === 'spike')).toBe(true);
      } finally {
        await again.stop();
      }
    });

    it('moves a corrupt settings file aside with a visible warning and starts fresh', async () => {
      const data = join(dir, 'corrupt');
      const fresh = createEngine({ dataDir: data, logSource: { kind: 'none' }, platform: 'linux' });
      await fresh.start();
      await fresh.stop();
      writeFileSync(join(data, 'settings.json'), '{"intervalSeconds": 10, garbage');
      const engine2 = createEngine({
        dataDir: data,
        logSource: { kind: 'none' },
        platform: 'linux',
      });
      await engine2.start();
      try {
        const snapshot = engine2.latest()!;
        expect(snapshot.warnings.some((w) => /settings\.json/.test(w))).toBe(true);
        expect(engine2.settings().intervalSeconds).toBe(10);
        expect(readdirSync(data).some((f) => f.startsWith('settings.json.corrupt'))).toBe(true);
      } finally {
        await engine2.stop();
      }
    });
  },
);

describe('engine settings applied live', () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the new daemon's log lines after the watched process names change", async () => {
    dir = mkdtempSync(join(tmpdir(), 'apsd-watch-rules-'));
    const logFile = join(dir, 'system.log');
    writeFileSync(
      logFile,
      syslogLine('Unrecognized leaf certificate') +
        syslogLine('Unrecognized leaf certificate').replace('apsd[106]', 'pushd[77]'),
    );
    const engine = createEngine({
      dataDir: join(dir, 'data'),
      logSource: { kind: 'syslog-file', path: logFile, backfillArchives: false },
      platform: 'linux',
    });
    await engine.start();
    try {
      expect(engine.latest()!.logs.recent.map((e) => e.process)).toEqual(['apsd']);
      await engine.updateSettings({ rules: { processes: ['pushd'] } });
      const after = await engine.sampleNow();
      expect(after.logs.recent.map((e) => e.process)).toEqual(['pushd']);
      expect(after.daemon.name).toBe('pushd');
    } finally {
      await engine.stop();
    }
  });
});

describe('engine verdict when apsd is not running, by platform', () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function firstVerdict(platform: NodeJS.Platform) {
    dir ??= mkdtempSync(join(tmpdir(), 'apsd-watch-platform-'));
    const engine = createEngine({
      dataDir: join(dir, platform),
      logSource: { kind: 'none' },
      platform,
    });
    await engine.start();
    try {
      return engine.latest()!;
    } finally {
      await engine.stop();
    }
  }

  // No process named apsd runs on this (Linux) build machine: the engine's own ps check says so.
  it('on macOS is watch, and says what stops and how to start apsd again', async () => {
    const snapshot = await firstVerdict('darwin');
    expect(snapshot.daemon.running).toBe(false);
    expect(snapshot.host.platform).toBe('darwin');
    expect(snapshot.verdict.level).toBe('watch');
    const reasons = snapshot.verdict.reasons.join('\n');
    expect(reasons).toMatch(/^apsd is not running: without it Messages, FaceTime, Find My/m);
    expect(reasons).toContain('sudo launchctl load -w');
  });

  it('off macOS is ok, with a headline that says this is not a Mac', async () => {
    const snapshot = await firstVerdict('linux');
    expect(snapshot.daemon.running).toBe(false);
    expect(snapshot.verdict.level).toBe('ok');
    expect(snapshot.verdict.headline).toBe('This is not a Mac (linux): apsd runs only on macOS');
  });
});
