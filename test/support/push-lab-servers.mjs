#!/usr/bin/env node
// Started by test/support/push-lab.ts inside the lab's "Apple side" network namespace: real TLS
// servers (the push servers, a generated chain) and a plain HTTP server for PAC files. Its one
// argument is a JSON file: { tls: [{ host, port, cert, key }], http: [{ host, port, files: { "/p": "text" } }] }.
// Prints "ready" once every listener is up; exits on SIGTERM.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTlsServer } from 'node:tls';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const listening = [];
for (const spec of config.tls ?? []) {
  const server = createTlsServer({
    cert: readFileSync(spec.cert, 'utf8'),
    key: readFileSync(spec.key, 'utf8'),
    ALPNProtocols: ['apns-security-v3'],
  });
  server.on('tlsClientError', () => undefined);
  server.on('secureConnection', (socket) => {
    socket.on('error', () => undefined);
    socket.end();
  });
  listening.push(new Promise((done) => server.listen(spec.port, spec.host, done)));
}
for (const spec of config.http ?? []) {
  const server = createHttpServer((request, response) => {
    const body = spec.files[request.url ?? ''];
    if (body === undefined) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' });
    response.end(body);
  });
  listening.push(new Promise((done) => server.listen(spec.port, spec.host, done)));
}
await Promise.all(listening);
process.stdout.write('ready\n');
process.on('SIGTERM', () => process.exit(0));
