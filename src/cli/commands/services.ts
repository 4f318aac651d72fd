/**
 * `apsd-watch services`: the services using push on this Mac, from apsd's own list
 * (`apsctl status`), each connected or not, with its last push. When apsctl cannot be read it
 * says so in one line and exits 1: never an empty list that reads as "no services".
 */
import type { Snapshot } from '../../shared/snapshot';
import { formatAgo } from '../../shared/format';
import {
  courierText,
  mdmPushStatus,
  notReadText,
  serviceRows,
  type ServiceRow,
} from '../../shared/service-rows';
import type { CliCommand, CommandIo } from '../command';
import { engineFlags } from '../engine-flags';
import { withOneShotEngine } from '../one-shot-engine';

export const servicesCommand: CliCommand = {
  flags: {
    json: {
      description:
        'Print the source, the clients as read and the service rows as JSON instead of a table.',
    },
    ...engineFlags,
  },
  notes: [
    'Exits 1, with one line saying why, when apsctl cannot be read (missing, failed, no answer',
    'within 10 s, nothing recognisable): never an empty list that reads as "no services".',
    'Push tokens apsctl prints are never kept: a client says only whether it has one.',
  ],
  async run(values, _positionals, io) {
    const snapshot = await withOneShotEngine(
      values,
      io,
      async (engine) => engine.latest() ?? (await engine.sampleNow()),
    );
    return writeServices(snapshot, Boolean(values.json), io);
  },
};

export function servicesJson(snapshot: Snapshot) {
  const push = snapshot.pushClients;
  return {
    takenAt: snapshot.takenAt,
    source: snapshot.source.pushClients ?? null,
    pushClients: push ?? null,
    services:
      push && push.status === 'ok' ? serviceRows(push, snapshot.logs.topics?.byTopic) : null,
    /** The MDM push channel in one line, as the Jamf attribute prints it. */
    mdmPush: mdmPushStatus(push),
  };
}

function writeServices(snapshot: Snapshot, json: boolean, io: CommandIo): number {
  const push = snapshot.pushClients;
  const source = snapshot.source.pushClients;
  const readable = push?.status === 'ok';
  if (json) {
    io.stdout.write(`${JSON.stringify(servicesJson(snapshot), null, 2)}\n`);
    return readable ? 0 : 1;
  }
  if (!push || !readable) {
    io.stdout.write(`${notReadText(push ?? { status: 'skipped' }, source?.detail ?? null)}\n`);
    return 1;
  }
  io.stdout.write(
    renderServices(
      serviceRows(push, snapshot.logs.topics?.byTopic),
      snapshot,
      source?.detail ?? null,
    ),
  );
  return 0;
}

function connectedWord(row: ServiceRow): string {
  return row.connected === true ? 'yes' : row.connected === false ? 'no' : 'not said';
}

export function renderServices(
  rows: readonly ServiceRow[],
  snapshot: Snapshot,
  detail: string | null,
): string {
  const push = snapshot.pushClients!;
  const lines = [
    `Services using push on this Mac (from apsctl status${push.readAt ? `, read ${formatAgo(push.readAt, snapshot.takenAt)}` : ''})`,
    `Courier: ${courierText(push)}`,
    '',
  ];
  const table = rows.map((row) => [
    row.service ?? '(not in the table)',
    connectedWord(row),
    row.lastPushAt ? formatAgo(row.lastPushAt, snapshot.takenAt) : '-',
    row.pushes24h === null ? '-' : String(row.pushes24h),
    row.topic,
  ]);
  const header = ['SERVICE', 'CONNECTED', 'LAST PUSH', 'PUSHES 24H', 'TOPIC'];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  for (const row of [header, ...table])
    lines.push(
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    );
  if (rows.length === 0) lines.push('apsctl listed no client.');
  if (detail) lines.push('', `Not everything was read: ${detail}`);
  return `${lines.join('\n')}\n`;
}
