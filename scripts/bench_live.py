#!/usr/bin/env python3
"""A colleague's post, seen in an open pane: ms from starting the post
command until its text is on the pane's screen.

  bench_live.py --runs N --pane 'CMD …' --post 'CMD … {text}'

The pane runs in a pseudo-terminal (80x24) on its Tips tab (key 4); the
post command (a shell line; {text} becomes the tip's text) runs to its
end, and the clock stops when the text shows. Prints one JSON line:
median_ms, max_ms, runs (each in ms).

Before each post it waits a random part of a second, so that the posts
fall anywhere in the pane's once-a-second tick, as a colleague's do.

Each text starts with a token of capitals and digits that differs, letter
by letter, from the one before: the newest tip takes the top row, where
the previous token stood, so every one of its cells changes and the
terminal is sent the token whole (ratatui sends only changed cells).
Uses ptybench.py (beside it in ../shared/tools, or PTYBENCH) for the
terminal side.
"""
import argparse, json, os, random, shlex, statistics, subprocess, sys, time

here = os.path.dirname(os.path.abspath(__file__))
ptybench_path = os.environ.get("PTYBENCH", os.path.join(here, "..", "..", "shared", "tools", "ptybench.py"))
sys.path.insert(0, os.path.dirname(os.path.abspath(ptybench_path)))
import ptybench  # noqa: E402

LETTERS = "BCDFGHJKLMNPQRSTVWXZ23456789"


def token(previous, rng):
    return "".join(rng.choice([c for c in LETTERS if c != p]) for p in previous)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--pane", required=True)
    ap.add_argument("--post", required=True)
    ap.add_argument("--timeout", type=float, default=10)
    a = ap.parse_args()
    rng = random.Random(7)
    pid, fd = ptybench.spawn(shlex.split(a.pane), 80, 24)
    times = []
    try:
        ok, _ = ptybench.read_until(fd, rb"For you", a.timeout)
        if not ok:
            raise SystemExit("bench_live: the pane never showed For you")
        os.write(fd, b"4")
        ok, _ = ptybench.read_until(fd, rb"Tips", a.timeout)
        ptybench.drain(fd)
        previous = "A" * 10
        for _ in range(a.runs):
            # A post comes at any moment of the pane's once-a-second tick,
            # not just after one (where a run would start if it did not
            # wait): a random pause spreads the runs over the whole second.
            time.sleep(rng.random())
            ptybench.drain(fd)
            previous = token(previous, rng)
            cmd = a.post.replace("{text}", shlex.quote(previous + " live post"))
            start = time.monotonic()
            subprocess.run(cmd, shell=True, check=True, stdout=subprocess.DEVNULL)
            seen, _ = ptybench.read_until(fd, previous.encode(), a.timeout)
            if not seen:
                raise SystemExit("bench_live: a post never showed in the pane")
            times.append((time.monotonic() - start) * 1000)
            ptybench.drain(fd)
    finally:
        ptybench.stop(pid, fd)
    print(json.dumps({
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "runs": [round(t, 1) for t in times],
    }))


if __name__ == "__main__":
    main()
