/**
 * Lines around log records in what people paste and what `log` prints: banners, column headers,
 * summaries, shell prompts, Markdown fences, elisions. They are read (and counted) as framing,
 * never as records.
 */

export type FramingKind =
  'blank' | 'banner' | 'header' | 'trailer' | 'prompt' | 'fence' | 'elision' | 'separator';

const COMMANDS = String.raw`(?:log|z?e?grep|zcat|gzcat|bzgrep|xzgrep|cat|tail|head|less|more|syslog|idevicesyslog|awk|sed|sort|uniq|make|xcrun|sw_vers)`;

/** Checked in order. Blank lines end a multi-line message; the others end it too. */
const FRAMING: readonly (readonly [FramingKind, RegExp])[] = [
  ['blank', /^\s*$/],
  ['fence', /^\s*(?:```|~~~)[\w+-]*\s*$/],
  ['elision', /^\s*(?:\[(?:\.\.\.|…|snip(?:ped)?)\]|\.{3,}|…|<snip>|\(\.\.\.\))\s*$/i],
  [
    'banner',
    /^(?:Filtering the log data using |Skipping (?:info and )?debug messages, pass |Skipping info messages)/,
  ],
  [
    'header',
    /^Timestamp\s+(?:Thread\s+Type\s+Activity\s+PID|\(process\)\[PID\]|Ty\s+Process\[PID:TID\])/,
  ],
  [
    'trailer',
    /^-{3,}\s*$|^(?:Log|Activity|Signpost)\s+- [A-Z][a-z]+:\s+\d|^\*\* Processed \d+ entries, done\. \*\*$|^\{"count":\d+,"finished":1\}\s*$/,
  ],
  ['separator', /^--$/],
  // `$ zgrep apsd ...`, `user@Mac ~ % log show ...`, `bash-3.2$ grep ...`, or `log`'s own command echoed.
  [
    'prompt',
    new RegExp(
      `^(?:(?:[^\\s$%#>]+(?: [^\\s$%#>]+)* ?)?[$%#>] +(?:sudo +)?${COMMANDS}\\b|[$%] +\\S|(?:sudo +)?log (?:show|stream|collect)\\b)`,
    ),
  ],
];

/** The kind of framing a line is, or null when it is something else. */
export function framingOf(line: string): FramingKind | null {
  for (const [kind, pattern] of FRAMING) if (pattern.test(line)) return kind;
  return null;
}
