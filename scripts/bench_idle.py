#!/usr/bin/env python3
"""The idle pane's CPU time and wake-ups over SECONDS, once it has settled.

    bench_idle.py [--settle S] [--seconds N] -- COMMAND...

Like ptybench's `idle`, but it waits SETTLE seconds after the first hits
before it measures: `--search WORDS` shows its first hits from the file's
persisted index, and the pane's whole search index is then still being
built in the background (seconds of CPU at 100k items on a busy machine).
ptybench waits 0.5 s, so it measured that build, not an idle pane.
Prints one JSON line: cpu_s, wakeups_per_s, bytes_drawn, seconds.
"""
import argparse
import json
import os
import select
import sys
import time

sys.path.insert(0, os.path.dirname(os.environ.get("PTYBENCH", "../shared/tools/ptybench.py")))
import ptybench  # noqa: E402  (the shared tool: spawn, read_until, proc_cpu, wakeups, stop)

HIT = rb">\s?[lqtn][0-9]+"


def read_for(fd, seconds):
    """Reads (and drops) what the pane draws for `seconds`; the bytes read."""
    n, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], max(0.0, end - time.monotonic()))
        if r:
            try:
                n += len(os.read(fd, 65536))
            except OSError:
                break
    return n


def main():
    argv = sys.argv[1:]
    cut = argv.index("--")
    ap = argparse.ArgumentParser()
    ap.add_argument("--settle", type=float, default=5)
    ap.add_argument("--seconds", type=float, default=10)
    a, cmd = ap.parse_args(argv[:cut]), argv[cut + 1:]
    pid, fd = ptybench.spawn(cmd, 80, 24)
    out = {"mode": "idle", "settle_s": a.settle, "seconds": a.seconds}
    ok, _ = ptybench.read_until(fd, HIT, 30)
    if ok:
        read_for(fd, a.settle)
        c0, w0 = ptybench.proc_cpu(pid), ptybench.wakeups(pid)
        drawn = read_for(fd, a.seconds)
        c1, w1 = ptybench.proc_cpu(pid), ptybench.wakeups(pid)
        out.update(cpu_s=round(c1 - c0, 3), wakeups_per_s=round((w1 - w0) / a.seconds, 1),
                   bytes_drawn=drawn)
    else:
        out["error"] = "no hits appeared"
    ptybench.stop(pid, fd)
    print(json.dumps(out))
    sys.exit(1 if "error" in out else 0)


if __name__ == "__main__":
    main()
