#!/usr/bin/env python3
"""Peer for bench-learning --only features: pandas computing the same 50 feature columns on the
same bars, timed, and compared with the matrix bench-learning dumps.
  swift run -c release --package-path benchmarks bench-learning --only features --dump-features /tmp/features.bin
  pip install pandas numpy && python3 benchmarks/peers/feature_matrix_peer.py datasets/btcusdt_1h.csv /tmp/features.bin [--runs 7]
Times the columns' computation from a loaded DataFrame (CSV parsing excluded on both sides),
idiomatic pandas: shift, rolling(w).std(ddof=0) (the population σ of TA-Lib's STDDEV),
rolling mean/min/max, and the UTC hour and weekday (Monday = 0).
"""
import statistics
import sys
import time

import numpy as np
import pandas as pd


def features(df):
    c, o, h, lo, v = df["close"], df["open"], df["high"], df["low"], df["volume"]
    out = {}
    for k in range(1, 21):
        out[f"ret{k}"] = c / c.shift(k) - 1
    r1 = c / c.shift(1) - 1
    for w in [4, 6, 8, 12, 16, 24, 36, 48, 72, 96, 168, 336]:
        out[f"vol{w}"] = r1.rolling(w).std(ddof=0)
    for w in [3, 6, 12, 24, 48, 72, 96, 120, 168, 240, 336, 500]:
        out[f"vr{w}"] = v / v.rolling(w).mean()
    out["range"] = (h - lo) / c
    out["body"] = (c - o) / o
    for w in [24, 168]:
        low_w, high_w = lo.rolling(w).min(), h.rolling(w).max()
        out[f"pos{w}"] = (c - low_w) / (high_w - low_w)
    t = pd.to_datetime(df["timestamp"], unit="ms", utc=True)
    out["hour"] = t.dt.hour.astype("float64")
    out["weekday"] = t.dt.day_of_week.astype("float64")
    return pd.DataFrame(out)


def read_dump(path):
    with open(path, "rb") as f:
        raw = f.read()
    rows, cols = np.frombuffer(raw, dtype="<i8", count=2)
    at, names = 16, []
    for _ in range(cols):
        size = int(np.frombuffer(raw, dtype="<i8", count=1, offset=at)[0])
        names.append(raw[at + 8: at + 8 + size].decode())
        at += 8 + size
    values = np.frombuffer(raw, dtype="<f8", count=int(rows) * int(cols), offset=at).reshape(int(cols), int(rows))
    return names, values


csv, dump = sys.argv[1], sys.argv[2]
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 7
df = pd.read_csv(csv)
walls, cpus = [], []
for _ in range(runs):
    w, c = time.perf_counter(), time.process_time()
    matrix = features(df)
    walls.append(time.perf_counter() - w)
    cpus.append(time.process_time() - c)
print(f"pandas {pd.__version__} (numpy {np.__version__}), {matrix.shape[1]} features x {matrix.shape[0]} bars: "
      f"median {statistics.median(walls) * 1e3:.2f} ms wall, {statistics.median(cpus) * 1e3:.2f} ms CPU "
      f"(runs: {', '.join(f'{t * 1e3:.2f}' for t in walls)})")

names, ours = read_dump(dump)
assert sorted(names) == sorted(matrix.columns), (sorted(names), sorted(matrix.columns))
assert ours.shape[1] == len(df), (ours.shape, len(df))
worst, worst_name = 0.0, None
for j, name in enumerate(names):
    a, b = ours[j], matrix[name].to_numpy()
    nan_a, nan_b = np.isnan(a), np.isnan(b)
    if not np.array_equal(nan_a, nan_b):
        first = int(np.argmax(nan_a != nan_b))
        sys.exit(f"{name}: missing values differ first at bar {first}: crucible {a[first]}, pandas {b[first]}")
    d = np.abs(a[~nan_a] - b[~nan_b])
    if d.size and d.max() > worst:
        k = int(np.argmax(d))
        worst, worst_name = float(d[k]), name
print(f"same missing values in all {len(names)} columns; max abs difference {worst:.3g} (in {worst_name})")
