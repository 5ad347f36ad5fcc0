#!/usr/bin/env python3
"""Runs `crucible run SPEC` with stderr on a pseudo-terminal (so it prints its TTY progress
line) and checks each stage's early ETAs against the time the stage really took.

Usage: python3 benchmarks/specs/eta_check.py CRUCIBLE SPEC [crucible options...]
For every stage (trials, walk-forward folds, monte carlo paths) it prints, at 10/25/50 % of the
stage's wall time, elapsed + ETA (the predicted stage length) against the real length.
"""
import os, pty, re, subprocess, sys, time

crucible, spec, *extra = sys.argv[1:]
master, slave = pty.openpty()
start = time.monotonic()
proc = subprocess.Popen([crucible, "run", spec, *extra], stderr=slave, stdout=subprocess.DEVNULL)
os.close(slave)
buffer, events = b"", []
while True:
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break
    if not chunk:
        break
    now = time.monotonic() - start
    buffer += chunk
    parts = re.split(rb"[\r\n]", buffer)
    buffer = parts.pop()
    for part in parts:
        line = part.replace(b"\x1b[K", b"").decode(errors="replace").strip()
        if line:
            events.append((now, line))
proc.wait()
stages = {}
for t, line in events:
    m = re.match(r"(trials|walk-forward folds|monte carlo paths) (\d+)/(\d+).*ETA (\?|\d+s)", line)
    if m:
        stages.setdefault(m.group(1), []).append((t, None if m.group(4) == "?" else int(m.group(4)[:-1])))
for name, all_rows in stages.items():
    first, last = all_rows[0][0], all_rows[-1][0]
    rows = [r for r in all_rows if r[1] is not None]
    length = last - first
    print(f"{name}: {len(rows)} updates, {length:.2f} s")
    for share in (0.1, 0.25, 0.5):
        t, eta = min(rows, key=lambda r: abs(r[0] - first - share * length))
        predicted = t - first + eta
        print(f"  at {t - first:5.2f} s: ETA {eta} s -> predicted {predicted:.2f} s, real {length:.2f} s"
              f" (ratio {predicted / length if length else float('nan'):.2f})")
sys.exit(proc.returncode)
