/** `apsd-watch serve`: the engine plus the loopback dashboard, until Ctrl-C. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../../core/engine';
import { startDashboardServer } from '../../server/dashboard-server';
import { UsageError, type CliCommand, type ParsedValues } from '../command';
import { engineFlagOptions, engineOptionsFromFlags } from '../engine-flags';
import { APP_VERSION } from '../version';

/** Where `npm run build` puts the page: beside the bundled CLI (out/cli), or from the source tree. */
const RENDERER_CANDIDATES = ['../renderer', '../../../out/renderer'].map((relative) =>
  fileURLToPath(new URL(relative, import.meta.url)),
);

export const serveCommand: CliCommand = {
  usage: [
    '[--http-port N] [--process NAME] [--port N] [--peer CIDR] [--interval S] [--data-dir DIR] [--log-file PATH]',
    '',
    '  --http-port N  the port the dashboard listens on, on 127.0.0.1 only (default: a free port).',
    '  --port N       as in the other commands: the peer port of the watched connections.',
    'Set APSD_WATCH_RENDERER_DIR to serve a page built elsewhere (default: out/renderer).',
  ].join('\n'),
  options: { ...engineFlagOptions, 'http-port': { type: 'string' } },
  allowPositionals: false,
  async run(values, _positionals, io) {
    const httpPort = parseHttpPort(values['http-port']);
    const engine = createEngine({
      ...engineOptionsFromFlags(values, io.env),
      appVersion: APP_VERSION,
    });
    let lastWarning = '';
    engine.on('warning', (warning) => {
      if (warning !== lastWarning) io.stderr.write(`apsd-watch serve: warning: ${warning}\n`);
      lastWarning = warning;
    });
    await engine.start();
    let server;
    try {
      server = await startDashboardServer({
        engine,
        port: httpPort,
        rendererDir: io.env.APSD_WATCH_RENDERER_DIR ?? findRendererDir(),
      });
    } catch (error) {
      await engine.stop();
      throw error;
    }
    io.stdout.write(
      [
        `Dashboard: ${server.url}`,
        `Listening on 127.0.0.1:${server.port} only (loopback); the token in the URL is the key, keep it private.`,
        `To watch this Mac from another machine, tunnel the same port number: ssh -L ${server.port}:127.0.0.1:${server.port} <this-mac>, then open the URL there.`,
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
    await io.interrupted;
    await server.close();
    await engine.stop();
    io.stderr.write('apsd-watch serve: stopped.\n');
    return 0;
  },
};

function parseHttpPort(raw: ParsedValues[string]): number {
  if (raw === undefined) return 0;
  const text = String(raw);
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new UsageError(`--http-port: expected a port number 0-65535, got '${text}'`);
  return port;
}

function findRendererDir(): string {
  return (
    RENDERER_CANDIDATES.find((dir) => existsSync(`${dir}/index.html`)) ?? RENDERER_CANDIDATES[0]!
  );
}
