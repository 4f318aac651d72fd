/**
 * The connections of a saved capture, counted row by row as it streams: exact totals, states and
 * queues over every row, and the rows themselves only up to a cap, so a capture of any size fits
 * in bounded memory. One saved moment: no ages, no churn.
 */
import type {
  Connection,
  ConnectionSummary,
  NotAttributed,
  SocketRow,
} from '../../shared/snapshot';
import { INPUT_LIMITS } from '../input/input-limits';
import { formatEndpoint } from './address';
import { NotAttributedTally, attributeRow, type CompiledRules } from './attribution';
import { byUrgency, connectionOf, emptyConnections } from './connection-tracker';
import { SocketCaptureReader, type CaptureSummary } from './socket-capture';

/** Connections listed one by one from a capture; the counts always cover every row (docs/formats.md). */
const MAX_CAPTURE_ITEMS = 10_000;

/** `[2620:149:a44:200…]:5223`: a cut part keeps netstat's text and is marked with an ellipsis. */
function peerText(row: SocketRow): string {
  if (row.peerUnknown) return `(${row.peerUnknown})`;
  const address = row.peerAddressCut ? `${row.peerAddress}…` : row.peerAddress;
  const endpoint = formatEndpoint(address, row.peerPort);
  return row.peerPortCut ? `${endpoint}…` : endpoint;
}

export interface CaptureTallyResult {
  connections: ConnectionSummary;
  notAttributed: NotAttributed;
  rowsRead: number;
  rowsAttributed: number;
  /** Attributed rows beyond MAX_CAPTURE_ITEMS: counted, not listed. */
  itemsLeftOut: number;
  /** Lines that looked like rows but could not be read (or were too long to read). */
  linesNotRead: number;
}

class CaptureTally {
  private readonly others = new NotAttributedTally();
  private readonly items: Connection[] = [];
  private readonly summary: ConnectionSummary = emptyConnections();
  private rowsRead = 0;
  private leftOut = 0;

  constructor(
    private readonly rules: CompiledRules,
    private readonly now: Date,
    private readonly maxItems = MAX_CAPTURE_ITEMS,
  ) {}

  add(row: SocketRow): void {
    this.rowsRead++;
    const attribution = attributeRow(row, this.rules);
    if (attribution.kind !== 'attributed') return this.others.add(row, attribution);
    const s = this.summary;
    const peer = peerText(row);
    s.total++;
    s.byState[row.state] = (s.byState[row.state] ?? 0) + 1;
    if (row.state === 'FIN_WAIT_1') {
      s.finWait1.count++;
      s.finWait1.sendQueueBytes += row.sendQueue;
    } else if (row.state === 'ESTABLISHED') {
      s.established.count++;
      s.established.longest ??= { peer, ageSeconds: 0 };
    }
    if (this.items.length >= this.maxItems) {
      this.leftOut++;
      return;
    }
    this.items.push(
      connectionOf(
        { ...row, attributedBy: attribution.by },
        row.localAddress === '' ? '(unknown)' : formatEndpoint(row.localAddress, row.localPort),
        peer,
        this.now.toISOString(),
        0,
      ),
    );
  }

  result(): CaptureTallyResult {
    const items = [...this.items].sort(byUrgency);
    return {
      connections: { ...this.summary, items },
      notAttributed: this.others.summary(),
      rowsRead: this.rowsRead,
      rowsAttributed: this.summary.total,
      itemsLeftOut: this.leftOut,
      linesNotRead: 0,
    };
  }
}

/** The streamed capture read to its end: its table summary and its tally. */
export interface CaptureAnalysis extends CaptureSummary {
  tally: CaptureTallyResult;
}

/**
 * Reads a capture given as batches of lines (no newlines) without holding its rows: each row is
 * attributed and counted as it passes. Throws SocketCaptureError when it is no socket table.
 */
export async function tallyCapture(
  batches: AsyncIterable<readonly string[]> | Iterable<readonly string[]>,
  rules: CompiledRules,
  now: Date,
): Promise<CaptureAnalysis> {
  const tally = new CaptureTally(rules, now);
  const reader = new SocketCaptureReader((row) => tally.add(row));
  let lineNumber = 0;
  let checked = 0;
  for await (const batch of batches) {
    for (const line of batch) {
      reader.line(line, 0, line.length, ++lineNumber);
      checked += line.length + 1;
    }
    // Until the sample is surely full; /dev/zero stops here.
    if (checked < INPUT_LIMITS.binarySniffBytes * 2) reader.assertText();
  }
  const summary = reader.finish();
  const result = tally.result();
  const warnings = [...summary.warnings];
  if (result.itemsLeftOut > 0)
    warnings.push(
      `${result.itemsLeftOut} of ${result.rowsAttributed} attributed connections are counted but not listed (at most ${MAX_CAPTURE_ITEMS} are)`,
    );
  return { ...summary, warnings, tally: { ...result, linesNotRead: summary.lines.notRead } };
}
