/** How the benchmark measures, written into RESULTS.md above the tables. */
export const METHOD = [
  'Every number comes from this machine in one run: each section builds its own conditions (real loopback sockets, generated netstat text and syslog archives, a real Chromium), then runs the engine and its peers alternately, several times, and reports the median, min and max with the ratio of medians against each peer. Targets are findings, reported met or missed, never asserted in tests.',
  '',
  'CPU time is user + system, including waited-for child processes. Whole processes (ss, netstat, zgrep, scan-logs) are measured with wait4() through bench/lib/rusage-run.py, which is exact to the microsecond; work inside a Node process is measured with process.cpuUsage() deltas around the call, plus its reaped children from /proc/self/stat (10 ms resolution). Wall times depend on the load other work puts on this shared machine (see the load averages above); CPU times much less so.',
].join('\n');
