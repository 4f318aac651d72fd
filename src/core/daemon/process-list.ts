/**
 * The machine's process list from one `ps` run with a fixed argument list: pid, state, CPU, resident
 * memory, exact start time and name. systeminformation's processes() did this before, but on Linux
 * it starts one `cat /proc/<pid>/stat` per process (about 100 children here) and osInfo() a dozen
 * more, which alone cost more than a whole `status` may (bench/RESULTS.md, the one-shot section).
 */
import { basename } from 'node:path';
import { runCommand } from '../exec/run-command';

export interface ProcessRow {
  pid: number;
  /** The executable's file name (macOS `comm` is the full path; Linux uses argv[0]). */
  name: string;
  /** ps's %CPU: on macOS a decaying recent average, on Linux the average over the process's life. */
  cpu: number;
  /** Resident memory in KiB, as ps prints it. */
  memRss: number;
  started: Date | null;
  /** ps's state letters; a leading Z is a zombie. */
  state: string;
}

export interface ProcessList {
  rows: ProcessRow[];
  /** Lines of ps output that did not read as a process (counted, never silently dropped). */
  unread: number;
  command: string;
}

/** Columns in a fixed order, name last because it may contain spaces; `lstart` needs LC_ALL=C. */
export function psArguments(platform: NodeJS.Platform): string[] {
  const name = platform === 'darwin' ? 'comm=' : 'args=';
  return ['-axww', '-o', `pid=,state=,pcpu=,rss=,lstart=,${name}`];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ROW =
  /^\s*(\d+)\s+(\S+)\s+(\d+(?:[.,]\d+)?)\s+(\d+)\s+\w{3} (\w{3}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4}) (.*)$/;

/** Parses `ps -o pid=,state=,pcpu=,rss=,lstart=,comm|args=` output (C locale, local times). Pure. */
export function parsePsOutput(
  text: string,
  platform: NodeJS.Platform,
): Omit<ProcessList, 'command'> {
  const rows: ProcessRow[] = [];
  let unread = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const m = ROW.exec(line);
    const month = m ? MONTHS.indexOf(m[5]!) : -1;
    if (!m || month < 0) {
      unread++;
      continue;
    }
    const started = new Date(+m[10]!, month, +m[6]!, +m[7]!, +m[8]!, +m[9]!);
    rows.push({
      pid: Number(m[1]),
      state: m[2]!,
      cpu: Number(m[3]!.replace(',', '.')),
      memRss: Number(m[4]),
      started: Number.isNaN(started.getTime()) ? null : started,
      name: nameOf(m[11]!.trim(), platform),
    });
  }
  return { rows, unread };
}

function nameOf(column: string, platform: NodeJS.Platform): string {
  // macOS prints the executable's path whole (spaces and all); Linux's args start with argv[0].
  const path = platform === 'darwin' ? column : (column.split(' ')[0] ?? '');
  return basename(path);
}

export async function listProcesses(
  platform: NodeJS.Platform,
  timeoutMs: number,
): Promise<ProcessList> {
  const args = psArguments(platform);
  const { stdout } = await runCommand('ps', args, {
    timeoutMs,
    maxBufferBytes: 16 * 1024 * 1024,
    env: { ...process.env, LC_ALL: 'C' },
  });
  return { ...parsePsOutput(stdout, platform), command: ['ps', ...args].join(' ') };
}
