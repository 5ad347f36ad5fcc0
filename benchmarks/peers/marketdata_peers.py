#!/usr/bin/env python3
"""Peers for bench-marketdata, same data and machine:
- pandas.read_csv (C engine) on datasets/btcusdt_1h.csv (if pandas is installed);
- Python's sqlite3: executemany of the same bars in one transaction into a file store
  with the same schema (WITHOUT ROWID, key symbol/timeframe/ts);
- Python's sqlite3: read one year (2021) of 1h bars into lists.
Run from the repository root: python3 benchmarks/peers/marketdata_peers.py [--wall]
"""
import csv
import os
import sqlite3
import statistics
import sys
import tempfile
import time

HOURLY = "datasets/btcusdt_1h.csv"


# The machine is shared, so like bench-marketdata this reports CPU time of this process by
# default (--wall for wall-clock time).
CLOCK = time.perf_counter if "--wall" in sys.argv else time.process_time


def timed(runs, fn):
    out = []
    for _ in range(runs):
        t = CLOCK()
        fn()
        out.append(CLOCK() - t)
    return statistics.median(out)


print(f"timing: {'wall-clock' if '--wall' in sys.argv else 'process CPU'} time, median of runs")
rows = list(csv.DictReader(open(HOURLY)))
n = len(rows)
try:
    import pandas
    t = timed(20, lambda: pandas.read_csv(HOURLY))
    print(f"pandas.read_csv btcusdt_1h.csv ({n} rows): {t * 1e3:.2f} ms = {n / t / 1e6:.2f}M rows/s (pandas {pandas.__version__})")
except ImportError:
    print("pandas not installed: skipped read_csv")

SCHEMA = """CREATE TABLE bars (symbol TEXT NOT NULL, timeframe TEXT NOT NULL, ts INTEGER NOT NULL,
open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL, volume REAL NOT NULL,
filled INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (symbol, timeframe, ts)) WITHOUT ROWID"""
data = [("BTCUSDT", "1h", int(r["timestamp"]), float(r["open"]), float(r["high"]), float(r["low"]),
         float(r["close"]), float(r["volume"])) for r in rows]
# Repeat the hourly bars with shifted timestamps to get ~2M rows, like the Swift benchmark's scale.
span = data[-1][2] - data[0][2] + 3_600_000
big = [(s, tf, ts + k * span, o, h, l, c, v) for k in range(33) for (s, tf, ts, o, h, l, c, v) in data]
tmp = tempfile.mkdtemp()


def insert():
    path = os.path.join(tmp, f"py-{time.perf_counter_ns()}.sqlite")
    con = sqlite3.connect(path)
    con.execute(SCHEMA)
    with con:
        con.executemany("INSERT INTO bars (symbol, timeframe, ts, open, high, low, close, volume) VALUES (?,?,?,?,?,?,?,?)", big)
    con.close()


t = timed(3, insert)
print(f"python sqlite3 executemany {len(big)} bars (file store, one transaction): {t * 1e3:.0f} ms = {len(big) / t / 1e6:.2f}M bars/s")

path = os.path.join(tmp, "read.sqlite")
con = sqlite3.connect(path)
con.execute(SCHEMA)
with con:
    con.executemany("INSERT INTO bars (symbol, timeframe, ts, open, high, low, close, volume) VALUES (?,?,?,?,?,?,?,?)", data)


def read_year():
    cur = con.execute("SELECT ts, open, high, low, close, volume FROM bars WHERE symbol=? AND timeframe=? AND ts>=? AND ts<? ORDER BY ts",
                      ("BTCUSDT", "1h", 1_609_459_200_000, 1_640_995_200_000))
    cols = list(zip(*cur.fetchall()))
    assert len(cols[0]) > 8000


t = timed(50, read_year)
print(f"python sqlite3 read 1 year of 1h bars: {t * 1e3:.2f} ms")
