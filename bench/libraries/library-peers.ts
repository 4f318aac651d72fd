/**
 * Our hand-written X.509 extension reader and JSON-array splitter against the well-kept libraries
 * that could replace them, on the same inputs in the same run, as CPU-time ratios (ours / theirs),
 * plus the bytes each adds to a minified bundle. Run: `node scripts/run-library-bench.mjs`.
 * The peers are not dependencies: the runner installs them with `npm install --no-save` first.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { X509Certificate as NodeX509 } from 'node:crypto';
import { join } from 'node:path';
import 'reflect-metadata';
import * as peculiar from '@peculiar/x509';
import * as pkijs from 'pkijs';
import { JSONParser } from '@streamparser/json';
import {
  decodeExtendedKeyUsage,
  decodeKeyUsage,
  OID,
  readExtensions,
} from '../../src/core/probe/certificate-extensions';
import { JsonArraySplitter } from '../../src/core/logs/saved/json-array-splitter';
import { createTestPki } from '../../test/fixtures/tls/test-pki';
import { REPO_ROOT } from '../lib/paths';
import { summarize, ratio, type Summary } from '../lib/stats';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
/** Passes over the certificates per measurement: the libraries take ~1 ms a certificate. */
const CERT_PASSES = 3;

/** CPU time of `work`, in ms (user + system of this process). */
function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Runs each side once per round, rotating who goes first, and returns each side's summary. */
function compare(sides: Record<string, () => void>): Record<string, Summary> {
  const names = Object.keys(sides);
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const name of names) sides[name]!(); // warm-up
  for (let round = 0; round < ROUNDS; round++)
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!;
      times[name]!.push(cpuMs(sides[name]!));
    }
  return Object.fromEntries(names.map((n) => [n, summarize(times[n]!)]));
}

function report(title: string, unit: string, results: Record<string, Summary>): void {
  const ours = results.ours!;
  process.stdout.write(`\n${title} (${unit}, median of ${ROUNDS}; ratio = ours / peer)\n`);
  for (const [name, summary] of Object.entries(results)) {
    const r = name === 'ours' ? '' : `  ratio ${ratio(ours, summary)?.toFixed(2)}`;
    process.stdout.write(`  ${name.padEnd(22)} ${summary.median.toFixed(2)} ms${r}\n`);
  }
}

// --- X.509 extensions -----------------------------------------------------------------------

function pemBlocks(text: string): Buffer[] {
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/g)].map(
    (m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'),
  );
}

/** What the probe needs from a certificate: its extension OIDs, usages and Apple marker. */
interface Described {
  oids: string[];
  keyUsage: string[];
  extendedKeyUsage: string[];
  marker: boolean;
}

function describeOurs(der: Buffer): Described {
  const extensions = readExtensions(der);
  const find = (oid: string) => extensions.find((e) => e.oid === oid);
  const ku = find(OID.keyUsage);
  const eku = find(OID.extendedKeyUsage);
  return {
    oids: extensions.map((e) => e.oid),
    keyUsage: ku ? decodeKeyUsage(ku.value) : [],
    extendedKeyUsage: eku ? decodeExtendedKeyUsage(eku.value) : [],
    marker: Boolean(find(OID.applePushLeaf) ?? find(OID.applePushIntermediate)),
  };
}

const PECULIAR_KU: [number, string][] = [
  [peculiar.KeyUsageFlags.digitalSignature, 'digitalSignature'],
  [peculiar.KeyUsageFlags.nonRepudiation, 'nonRepudiation'],
  [peculiar.KeyUsageFlags.keyEncipherment, 'keyEncipherment'],
  [peculiar.KeyUsageFlags.dataEncipherment, 'dataEncipherment'],
  [peculiar.KeyUsageFlags.keyAgreement, 'keyAgreement'],
  [peculiar.KeyUsageFlags.keyCertSign, 'keyCertSign'],
  [peculiar.KeyUsageFlags.cRLSign, 'cRLSign'],
  [peculiar.KeyUsageFlags.encipherOnly, 'encipherOnly'],
  [peculiar.KeyUsageFlags.decipherOnly, 'decipherOnly'],
];

function describePeculiar(der: Buffer): Described {
  const cert = new peculiar.X509Certificate(der);
  const ku = cert.getExtension(peculiar.KeyUsagesExtension);
  const eku = cert.getExtension(peculiar.ExtendedKeyUsageExtension);
  return {
    oids: cert.extensions.map((e) => e.type),
    keyUsage: ku ? PECULIAR_KU.filter(([flag]) => (ku.usages & flag) !== 0).map(([, n]) => n) : [],
    extendedKeyUsage: eku ? eku.usages.map(String) : [],
    marker: cert.extensions.some(
      (e) => e.type === OID.applePushLeaf || e.type === OID.applePushIntermediate,
    ),
  };
}

function describePkijs(der: Buffer): Described {
  const cert = pkijs.Certificate.fromBER(der);
  const extensions = cert.extensions ?? [];
  const ku = extensions.find((e) => e.extnID === OID.keyUsage);
  const eku = extensions.find((e) => e.extnID === OID.extendedKeyUsage);
  const kuBits = ku
    ? new Uint8Array(
        (ku.parsedValue as { valueBlock: { valueHexView: Uint8Array } }).valueBlock.valueHexView,
      )
    : null;
  return {
    oids: extensions.map((e) => e.extnID),
    keyUsage: kuBits
      ? PECULIAR_KU.map(([, n]) => n).filter(
          (_, bit) => ((kuBits[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0,
        )
      : [],
    extendedKeyUsage: eku ? (eku.parsedValue as pkijs.ExtKeyUsage).keyPurposes : [],
    marker: extensions.some(
      (e) => e.extnID === OID.applePushLeaf || e.extnID === OID.applePushIntermediate,
    ),
  };
}

async function x509Certificates(): Promise<Buffer[]> {
  const dir = '/etc/ssl/certs';
  const system = readdirSync(dir)
    .filter((f) => f.endsWith('.pem'))
    .flatMap((f) => pemBlocks(readFileSync(join(dir, f), 'utf8')));
  const pki = await createTestPki();
  try {
    const leaf = await pki.issueLeaf({
      commonName: 'courier.push.apple.com',
      dnsNames: ['courier.push.apple.com'],
      appleMarker: true,
    });
    const made = [pki.root, pki.intermediate, leaf].flatMap((c) => pemBlocks(c.certPem));
    return [...system, ...made];
  } finally {
    await pki.cleanup();
  }
}

async function benchX509(): Promise<void> {
  const certs = await x509Certificates();
  // Same answers first, or the timing means nothing. EKU names differ (ours names known OIDs).
  let disagreements = 0;
  for (const der of certs) {
    const a = describeOurs(der);
    const b = describePeculiar(der);
    const c = describePkijs(der);
    const same = (x: Described) =>
      x.oids.join() === a.oids.join() &&
      x.keyUsage.join() === a.keyUsage.join() &&
      x.marker === a.marker &&
      x.extendedKeyUsage.length === a.extendedKeyUsage.length;
    if (!same(b) || !same(c)) disagreements++;
  }
  const markers = certs.filter((der) => describeOurs(der).marker).length;
  process.stdout.write(
    `X.509: ${certs.length} certificates (${certs.length - 3} from /etc/ssl/certs, 3 made with openssl), ${markers} with an Apple marker; ${disagreements} disagreements between the three readers\n`,
  );
  const each = (describe: (der: Buffer) => Described) => () => {
    for (let i = 0; i < CERT_PASSES; i++) for (const der of certs) describe(der);
  };
  report(
    `extensions of ${certs.length} certificates x ${CERT_PASSES}`,
    'CPU',
    compare({
      ours: each(describeOurs),
      '@peculiar/x509': each(describePeculiar),
      pkijs: each(describePkijs),
      // For scale: what the probe already pays per certificate for node:crypto's own parse.
      'node:crypto (parse only)': each((der) => {
        new NodeX509(der);
        return { oids: [], keyUsage: [], extendedKeyUsage: [], marker: false };
      }),
    }),
  );
}

// --- JSON arrays ----------------------------------------------------------------------------

const NEEDLE = Buffer.from('apsd');

/** A `log show --style json` export of `count` records, one in `apsdEvery` from apsd. */
function jsonExport(count: number, apsdEvery: number): Buffer {
  const sample = JSON.parse(
    readFileSync(join(REPO_ROOT, 'test/fixtures/logs/unified-show.json'), 'utf8'),
  ) as Record<string, unknown>[];
  const records: string[] = [];
  for (let i = 0; i < count; i++) {
    const record = { ...sample[i % sample.length]!, traceID: i };
    if (i % apsdEvery !== 0)
      Object.assign(record, {
        processImagePath: '/usr/libexec/trustd',
        eventMessage: `cache hit for ${i}`,
        subsystem: 'com.apple.securityd',
      });
    records.push(JSON.stringify(record, null, 2));
  }
  return Buffer.from(`[${records.join(',\n')}]\n`);
}

function chunks(data: Buffer, size = 64 * 1024): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < data.length; at += size) out.push(data.subarray(at, at + size));
  return out;
}

/** Ours as the reader uses it: split, skip elements without the process name, parse the rest. */
function countOurs(parts: Buffer[]): number {
  let kept = 0;
  const splitter = new JsonArraySplitter({
    element(bytes) {
      if (!bytes.includes(NEEDLE)) return;
      const record = JSON.parse(bytes.toString('utf8')) as { processImagePath?: string };
      if (record.processImagePath?.endsWith('/apsd')) kept++;
    },
    oversize() {},
  });
  for (const part of parts) splitter.push(part);
  if (splitter.end() !== null) throw new Error('ours: array not closed');
  return kept;
}

function countStreamparser(parts: Buffer[]): number {
  let kept = 0;
  const parser = new JSONParser({ paths: ['$.*'], keepStack: false });
  parser.onValue = ({ value }) => {
    const record = value as { processImagePath?: string };
    if (record.processImagePath?.endsWith('/apsd')) kept++;
  };
  for (const part of parts) parser.write(part);
  if (!parser.isEnded) parser.end(); // it ends by itself once the array closes
  return kept;
}

function benchJson(): void {
  for (const apsdEvery of [1, 20]) {
    const data = jsonExport(20_000, apsdEvery);
    const parts = chunks(data);
    const a = countOurs(parts);
    const b = countStreamparser(parts);
    if (a !== b) throw new Error(`JSON: ours kept ${a}, @streamparser/json ${b}`);
    report(
      `JSON array, ${(data.length / 2 ** 20).toFixed(1)} MiB, 20,000 records, ${a} from apsd`,
      'CPU',
      compare({
        ours: () => void countOurs(parts),
        '@streamparser/json': () => void countStreamparser(parts),
      }),
    );
  }
}

await benchX509();
benchJson();
