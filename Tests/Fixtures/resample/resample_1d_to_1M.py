#!/usr/bin/env python3
"""Independent reference for Crucible's resampler: btcusdt_1d.csv -> calendar-month bars.

Plain Python (csv and datetime only). Each bar goes to the UTC calendar month of its open
time; the month bar opens on the 1st at 00:00 UTC. open = first open, high = max high,
low = min low, close = last close, volume = sum of volumes added in file order. The last
month is written only if the data reaches its last day (a month still forming would look
ahead). Floats are printed with repr (shortest round trip), so the Swift test can compare bit
for bit.

Run from the repository root:
    python3 Tests/Fixtures/resample/resample_1d_to_1M.py > Tests/Fixtures/resample/btcusdt_1d_to_1M.csv
"""
import csv
import sys
from datetime import datetime, timedelta, timezone

buckets = {}
order = []
last_day = None
with open("datasets/btcusdt_1d.csv", newline="") as f:
    for row in csv.DictReader(f):
        day = datetime.fromtimestamp(int(row["timestamp"]) / 1000, tz=timezone.utc)
        key = int(datetime(day.year, day.month, 1, tzinfo=timezone.utc).timestamp()) * 1000
        o, h, l, c, v = (float(row[k]) for k in ("open", "high", "low", "close", "volume"))
        if key not in buckets:
            buckets[key] = [o, h, l, c, v]
            order.append(key)
        else:
            b = buckets[key]
            b[1] = max(b[1], h)
            b[2] = min(b[2], l)
            b[3] = c
            b[4] += v
        last_day = day

if (last_day + timedelta(days=1)).month == last_day.month:
    order.pop()

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["timestamp", "open", "high", "low", "close", "volume"])
for key in order:
    o, h, l, c, v = buckets[key]
    out.writerow([key, repr(o), repr(h), repr(l), repr(c), repr(v)])
