#!/usr/bin/env python3
"""Independent reference for Crucible's resampler: btcusdt_1m.csv -> hourly bars.

Plain Python (csv module only). Each hour bucket is floor(ts / 3_600_000) * 3_600_000 (UTC);
open = first open, high = max high, low = min low, close = last close, volume = sum of
volumes added in file order. Only buckets holding all 60 minutes are written. Floats are
printed with repr (shortest round trip), so the Swift test can compare bit for bit.

Run from the repository root:
    python3 Tests/Fixtures/resample/resample_1m_to_1h.py > Tests/Fixtures/resample/btcusdt_1m_to_1h.csv
"""
import csv
import sys

HOUR = 3_600_000
buckets = {}
order = []
with open("datasets/btcusdt_1m.csv", newline="") as f:
    for row in csv.DictReader(f):
        ts = int(row["timestamp"])
        key = ts - ts % HOUR
        o, h, l, c, v = (float(row[k]) for k in ("open", "high", "low", "close", "volume"))
        if key not in buckets:
            buckets[key] = [o, h, l, c, v, 1]
            order.append(key)
        else:
            b = buckets[key]
            b[1] = max(b[1], h)
            b[2] = min(b[2], l)
            b[3] = c
            b[4] += v
            b[5] += 1

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["timestamp", "open", "high", "low", "close", "volume"])
for key in order:
    o, h, l, c, v, n = buckets[key]
    if n == 60:
        out.writerow([key, repr(o), repr(h), repr(l), repr(c), repr(v)])
