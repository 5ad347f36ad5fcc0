#!/usr/bin/env python3
"""Peer for bench-learning: the XGBoost Python package (same release as Debian's libxgboost,
1.7.4) trained on exactly the matrix bench-learning dumps, with the same parameters.
  swift run -c release --package-path benchmarks bench-learning --only train --dump /tmp/ml.bin
  python3 benchmarks/peers/learning_peers.py /tmp/ml.bin [--runs 3]
Times DMatrix construction from the float64 array plus xgb.train, like bench-learning's fit.
"""
import statistics
import sys
import time

import numpy as np
import xgboost as xgb

path = sys.argv[1]
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
raw = np.fromfile(path, dtype="<i8", count=2)
rows, cols = int(raw[0]), int(raw[1])
data = np.fromfile(path, dtype="<f8", offset=16)
X = data[: rows * cols].reshape(rows, cols)
y = data[rows * cols:]
assert y.shape[0] == rows
params = {"objective": "binary:logistic", "max_depth": 4, "eta": 0.05, "subsample": 0.8, "seed": 7,
          "tree_method": "hist", "nthread": 1}
walls, cpus = [], []
for _ in range(runs):
    w, c = time.perf_counter(), time.process_time()
    d = xgb.DMatrix(X, label=y, nthread=1)
    xgb.train(params, d, num_boost_round=200)
    walls.append(time.perf_counter() - w)
    cpus.append(time.process_time() - c)
print(f"xgboost {xgb.__version__} Python, {rows} x {cols}, 200 rounds, depth 4, hist, nthread=1 (incl. DMatrix): "
      f"median {statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU "
      f"(runs: {', '.join(f'{t:.2f}' for t in walls)})")
