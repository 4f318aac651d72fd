#!/usr/bin/env node
// Launches a packaged app once, as the workflow's check that it starts at all (an unsigned arm64
// package whose signature the fuses broke is killed by the kernel before printing anything):
// `node scripts/launch-packaged-app.mjs dist/mac-arm64/apsd-watch.app`. It waits for the
// hidden-icon check's verdict, then quits it with SIGTERM and expects a clean stop and exit 0.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const VERDICT = /apsd-watch: menu-bar item (shown at|hidden)/;
const STOPPED = 'apsd-watch: engine stopped, quitting';
const WAIT_MS = 90_000;

const app = process.argv[2];
if (!app) {
  console.error('usage: node scripts/launch-packaged-app.mjs <path to the .app>');
  process.exit(2);
}
const binary = join(app, 'Contents', 'MacOS', basename(app, '.app'));
const dataDir = mkdtempSync(join(tmpdir(), `apsd-watch-launch-${process.pid}-`));
const child = spawn(binary, [`--data-dir=${dataDir}`], { stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
child.stdout.on('data', (chunk) => (output += chunk));
child.stderr.on('data', (chunk) => (output += chunk));
const exited = new Promise((resolve) =>
  child.once('exit', (code, signal) => resolve({ code, signal })),
);
child.once('error', (error) => {
  console.error(`launch-packaged-app: ${binary}: ${error.message}`);
  process.exit(1);
});

const started = Date.now();
while (!VERDICT.test(output) && child.exitCode === null && child.signalCode === null) {
  if (Date.now() - started > WAIT_MS) break;
  await new Promise((resolve) => setTimeout(resolve, 250));
}
const sawVerdict = VERDICT.test(output);
if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
let stopTimer;
const result = await Promise.race([
  exited,
  new Promise((resolve) => {
    stopTimer = setTimeout(() => resolve({ code: null, signal: 'still running' }), 30_000);
  }),
]);
clearTimeout(stopTimer);
if (result.signal === 'still running') child.kill('SIGKILL');
rmSync(dataDir, { recursive: true, force: true });
console.log(output);

const problems = [];
if (!sawVerdict) problems.push(`no menu-bar verdict within ${WAIT_MS / 1000} s`);
if (!output.includes(STOPPED)) problems.push(`never printed "${STOPPED}"`);
if (result.code !== 0) problems.push(`exited with ${result.code ?? result.signal}`);
for (const line of problems) console.error(`launch-packaged-app: ${app}: ${line}`);
if (problems.length) process.exit(1);
console.log(`launch-packaged-app: ${app} started (${output.match(VERDICT)[0]}) and quit cleanly`);
