#!/usr/bin/env python3
"""Writes experiments/predictions/btc_p_up.csv: a toy model's probability that the next
hourly BTCUSDT bar closes higher, for the rule strategy in experiments/rules_predictions.json.

The model is an online logistic regression on the last three hourly log returns (standard
library only, deterministic). Honest timing, as the rule language expects:
- the row stamped t (the open time of bar t) is computed from closes up to and including
  bar t's close, so it is known at that close;
- the weights used for row t were fitted only on labels already known at bar t's close
  (the label of bar j is close[j+1] > close[j], known at bar j+1's close, so j <= t-1).

Run from the repository root:  python3 experiments/predictions/make_predictions.py
"""
import csv
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BARS = os.path.join(HERE, "..", "..", "datasets", "btcusdt_1h.csv")
OUT = os.path.join(HERE, "btc_p_up.csv")
START_MS = 1_672_531_200_000  # 2023-01-01 00:00 UTC: rows before are not written
LAGS = 3
RATE = 0.05


def main():
    with open(BARS, newline="") as f:
        rows = list(csv.DictReader(f))
    ts = [int(r["timestamp"]) for r in rows]
    close = [float(r["close"]) for r in rows]
    ret = [0.0] + [math.log(close[i] / close[i - 1]) * 100 for i in range(1, len(close))]
    w = [0.0] * (LAGS + 1)

    def features(i):
        return [1.0] + [ret[i - k] for k in range(LAGS)]

    with open(OUT, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["timestamp", "p_up"])
        for t in range(LAGS + 1, len(close)):
            # Learn from bar t-1's label, which bar t's close has just revealed.
            x = features(t - 1)
            y = 1.0 if close[t] > close[t - 1] else 0.0
            p = 1 / (1 + math.exp(-sum(a * b for a, b in zip(w, x))))
            w = [a + RATE * (y - p) * b for a, b in zip(w, x)]
            if ts[t] >= START_MS:
                z = sum(a * b for a, b in zip(w, features(t)))
                out.writerow([ts[t], f"{1 / (1 + math.exp(-z)):.6f}"])


if __name__ == "__main__":
    main()
