#!/usr/bin/env python3
"""Runs one command and prints its exact cost as one JSON line: wall time from spawn to exit, and
user+system CPU and peak RSS from wait4() (the kernel's own accounting, microsecond precision,
including every descendant the command waited for). Node cannot read a child's rusage, and
/proc and GNU time round CPU to 10 ms, too coarse for a 15 ms `ss -tan`.

usage: rusage-run.py [--keep-stdout] -- command [args...]
The command's stdout is read through a pipe (as a caller would) and counted; with --keep-stdout
it is returned in the JSON (for benchmark harnesses that report their own numbers)."""
import json
import os
import subprocess
import sys
import time


def main(argv):
    keep = False
    if argv and argv[0] == "--keep-stdout":
        keep = True
        argv = argv[1:]
    if argv and argv[0] == "--":
        argv = argv[1:]
    if not argv:
        print("usage: rusage-run.py [--keep-stdout] -- command [args...]", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        child = subprocess.Popen(argv, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    except OSError as error:
        print(json.dumps({"error": f"{argv[0]}: {error.strerror}"}))
        return 1
    chunks = []
    size = 0
    while True:
        chunk = child.stdout.read(1 << 20)
        if not chunk:
            break
        size += len(chunk)
        if keep:
            chunks.append(chunk)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    result = {
        "wallMs": wall * 1000,
        "userMs": usage.ru_utime * 1000,
        "sysMs": usage.ru_stime * 1000,
        "maxRssKb": usage.ru_maxrss,
        "exitCode": os.waitstatus_to_exitcode(status),
        "stdoutBytes": size,
    }
    if keep:
        result["stdout"] = b"".join(chunks).decode("utf-8", "replace")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
