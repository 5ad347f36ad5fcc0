#!/usr/bin/env python3
"""Independent reference for Crucible's spike counts (plain Python, statistics module).

r_i = log(close_i / close_{i-1}); z_i = (r_i - median(r)) / (1.4826 * median(|r - median(r)|)).
Counts |z_i| > threshold for each bundled file and threshold. Run from the repository root:
    python3 Tests/Fixtures/spikes/robust_z.py > Tests/Fixtures/spikes/spike_counts.json
"""
import csv
import json
import math
import statistics

FILES = ["btcusdt_1h.csv", "btcusdt_1m.csv", "btcusdt_1d.csv", "dogeusdt_1d.csv"]
THRESHOLDS = [8.0, 12.0, 20.0]
out = {}
for name in FILES:
    with open("datasets/" + name, newline="") as f:
        close = [float(row["close"]) for row in csv.DictReader(f)]
    r = [math.log(close[i] / close[i - 1]) for i in range(1, len(close))]
    median = statistics.median(r)
    scale = 1.4826 * statistics.median([abs(x - median) for x in r])
    out[name] = {str(t): sum(1 for x in r if abs(x - median) > t * scale) for t in THRESHOLDS}
print(json.dumps(out, indent=1, sort_keys=True))
