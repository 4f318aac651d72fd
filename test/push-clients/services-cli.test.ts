/**
 * Through the CLI with the stand-in apsctl (a real child process): `services`, `status`, `report`
 * and `metrics` show apsd's clients, say plainly when apsctl cannot be read, and no byte of a
 * token fed in comes out of any of them (stdout or stderr), redacted or --keep-private.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, readFixture } from '../support/fixtures';
import { runCliCaptured } from '../support/cli-harness';

const FAKE = fixturePath('bin/fake-apsctl');
/** Tokens in every shape and odd place the stand-in's output can carry. */
const TOKENS = {
  hex: '8c1f2e3d4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3',
  base64: 'jB8uPUpbbH2On wobLD1OX2p7jJ0OHyo7TF1uf4CRorM='.replace(' ', ''),
};
const GROUPS = TOKENS.hex.match(/.{8}/g)!;

function withTokens(text: string): string {
  return text
    .replace(
      /token: Yes, \{[^}]*\}/,
      `token: Yes, {length = 32, bytes = 0x${GROUPS.slice(0, 2).join(' ')} ... ${GROUPS.slice(-2).join(' ')}}`,
    )
    .replace(
      '            user: root',
      `            user: root\n            push token: <${GROUPS.join(' ')}>\n            relay blob: ${TOKENS.base64}\n            ${TOKENS.hex}`,
    )
    .replace('topic: com.example.chatapp', `topic: com.example.chatapp.${TOKENS.hex}`);
}

describe(
  'apsd-watch services, status, report and metrics with the stand-in apsctl',
  { timeout: 60_000 },
  () => {
    let dir: string;
    let env: NodeJS.ProcessEnv;
    const args = () => ['--data-dir', join(dir, 'data'), '--log-file', join(dir, 'empty.log')];
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), `apsd-watch-services-${process.pid}-`));
      writeFileSync(join(dir, 'empty.log'), '');
      const fixture = join(dir, 'status.txt');
      writeFileSync(fixture, withTokens(readFixture('apsctl/status-assembled.txt')));
      env = { APSD_WATCH_APSCTL: FAKE, PATH: process.env.PATH };
      // The stand-in is a child of this process: it reads its settings from this process's env.
      process.env.FAKE_APSCTL_FIXTURE = fixture;
    });
    afterAll(() => {
      delete process.env.FAKE_APSCTL_FIXTURE;
      rmSync(dir, { recursive: true, force: true });
    });

    function expectNoToken(text: string, where: string) {
      const lower = text.toLowerCase();
      for (let i = 0; i + 8 <= TOKENS.hex.length; i += 2)
        expect(lower, where).not.toContain(TOKENS.hex.slice(i, i + 8));
      for (let i = 0; i + 10 <= TOKENS.base64.length; i += 2)
        expect(text, where).not.toContain(TOKENS.base64.slice(i, i + 10));
    }

    it('services lists each service, connected or not, with the topic as it is when not in the table', async () => {
      const { code, out, err } = await runCliCaptured(['services', ...args()], { env });
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(out).toMatch(
        /^Courier: production: connected to 22-courier\.push\.apple\.com; development: not connected$/m,
      );
      expect(out).toMatch(/^Device management \(device channel\)\s+yes\s/m);
      expect(out).toMatch(/^Device management \(user channel\)\s+no\s/m);
      expect(out).toMatch(/^iMessage\s+yes\s/m);
      expect(out).toMatch(
        /^\(not in the table\)\s+yes\s+-\s+-\s+com\.example\.chatapp\.\[token removed\]$/m,
      );
      // 48 fixture lines plus 3 added; `push token` is read (as yes/no), the blob and bare hex are not.
      expect(out).toContain(
        'Not everything was read: 2 of 51 lines not read (unknown labels: relay blob)',
      );
      expectNoToken(out + err, 'services');
    });

    it('services --json, status --json and status carry the same clients, and no token', async () => {
      const services = await runCliCaptured(['services', '--json', ...args()], { env });
      expect(services.code).toBe(0);
      const parsed = JSON.parse(services.out) as {
        pushClients: { clients: object[] };
        services: unknown[];
      };
      expect(parsed.pushClients.clients).toHaveLength(4);
      const status = await runCliCaptured(['status', '--json', ...args()], { env });
      const snapshot = JSON.parse(status.out) as {
        pushClients: { clients: object[] };
        source: { pushClients: { status: string } };
      };
      // Two runs, two first sightings: all but `statusSince` is the same.
      const facts = (clients: object[]) =>
        clients.map(({ statusSince: _since, ...rest }: { statusSince?: unknown }) => rest);
      expect(facts(snapshot.pushClients.clients)).toEqual(facts(parsed.pushClients.clients));
      expect(snapshot.source.pushClients.status).toBe('ok');
      const text = await runCliCaptured(['status', ...args()], { env });
      expect(text.out).toMatch(/^ {2}Push clients: .*fake-apsctl status \(2 of 51 lines not read/m);
      for (const run of [services, status, text])
        expectNoToken(run.out + run.err, 'status/services');
    });

    it('the report names the services, redacts app topics and the MDM id unless --keep-private, and never a token', async () => {
      const redacted = await runCliCaptured(['report', ...args()], { env });
      expect(redacted.code).toBe(0);
      expect(redacted.out).toContain('## Push clients (apsctl status)');
      expect(redacted.out).toContain('`com.apple.mgmt.External.<id>`');
      expect(redacted.out).toContain('`com.apple.icloud-container.<app-');
      expect(redacted.out).not.toContain('com.example.notes');
      expect(redacted.out).not.toContain('5C1D8E6A');
      expect(redacted.out).toContain('`com.apple.madrid`');
      const json = await runCliCaptured(['report', '--json', ...args()], { env });
      expect(json.out).not.toContain('com.example.notes');
      const kept = await runCliCaptured(['report', '--keep-private', ...args()], { env });
      expect(kept.out).toContain('com.apple.icloud-container.com.example.notes');
      for (const run of [redacted, json, kept]) expectNoToken(run.out + run.err, 'report');
    });

    it('metrics carry clients by status and the MDM push state, low-cardinality, and no token', async () => {
      const { code, out, err } = await runCliCaptured(['metrics', ...args()], { env });
      expect(code).toBe(0);
      expect(out).toMatch(/^apsd_push_clients\{status="ok"\} 2$/m);
      expect(out).toMatch(/^apsd_push_clients\{status="not-connected"\} 1$/m);
      expect(out).toMatch(/^apsd_push_clients\{status="waiting"\} 1$/m);
      expect(out).toMatch(/^apsd_mdm_push_connected 0$/m);
      expect(out).toMatch(/^apsd_mdm_push_client_present 1$/m);
      expect(out).toMatch(/^apsd_push_courier_connected 1$/m);
      expect(out).not.toMatch(/topic=|client=|port=/);
      expectNoToken(out + err, 'metrics');
    });

    it('says "not read" in one line, exit 1, when apsctl hangs up, fails or is missing', async () => {
      process.env.FAKE_APSCTL_MODE = 'fail';
      const failed = await runCliCaptured(['services', ...args()], { env }).finally(() => {
        delete process.env.FAKE_APSCTL_MODE;
      });
      expect(failed.code).toBe(1);
      expect(failed.out).toMatch(
        /^Push clients not read \(failed: .*exited with 1: apsctl: could not connect to apsd\)\n$/,
      );
      const missing = await runCliCaptured(['services', ...args()], {
        env: { ...env, APSD_WATCH_APSCTL: join(dir, 'nowhere') },
      });
      expect(missing.out).toMatch(
        /^Push clients not read \(unavailable: apsctl not found at .*nowhere\)\n$/,
      );
      const linux = await runCliCaptured(['services', '--json', ...args()], {
        env: { PATH: process.env.PATH },
      });
      const parsed = JSON.parse(linux.out) as {
        services: unknown;
        source: { status: string; detail: string };
      };
      expect(linux.code).toBe(1);
      expect(parsed.services).toBeNull();
      expect(parsed.source).toMatchObject({
        status: 'unavailable',
        detail: `apsctl exists only on macOS (this is ${process.platform})`,
      });
    });
  },
);
