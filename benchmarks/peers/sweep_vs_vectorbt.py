#!/usr/bin/env python3
"""`crucible run` of the 3,930-combo SMA grid against vectorbt's sweep of the same grid, in one
invocation on the same machine and data; prints both wall times and the ratio.

    pip install vectorbt
    swift build -c release --product crucible
    python3 benchmarks/peers/sweep_vs_vectorbt.py [--repeat 3] [--threads 2]

Grid: fast 5..50 step 1 x slow 20..200 step 2 with fast < slow (3,930 combos) on
datasets/btcusdt_1h.csv (61,246 bars), 10 bps fees. vectorbt: SMA columns for every window,
crossover entries/exits, Portfolio.from_signals with fees=0.001 and the Sharpe ratio of every
column, swept `--batch` columns at a time (all at once runs out of 24 GiB); timed after one
warm-up run (numba compilation excluded: its steady state). Crucible:
the whole `crucible run benchmarks/specs/sweep_3930.json` process (load, validation, every
metric of every trial, results.sqlite, ranked.csv with deflated Sharpe, PBO, summary, report).
"""
import argparse, os, subprocess, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def vectorbt_sweep(close, batch):
    """The whole grid, `batch` columns at a time (all 3,930 at once need more than 24 GiB)."""
    import numpy as np
    import vectorbt as vbt
    fast = [f for f in range(5, 51) for s in range(20, 201, 2) if f < s]
    slow = [s for f in range(5, 51) for s in range(20, 201, 2) if f < s]
    best, count = -np.inf, 0
    for k in range(0, len(fast), batch):
        fast_ma = vbt.MA.run(close, window=fast[k:k + batch], short_name="fast")
        slow_ma = vbt.MA.run(close, window=slow[k:k + batch], short_name="slow")
        entries = fast_ma.ma_crossed_above(slow_ma)
        exits = fast_ma.ma_crossed_below(slow_ma)
        pf = vbt.Portfolio.from_signals(close, entries, exits, fees=0.001, freq="1h")
        sharpe = pf.sharpe_ratio()
        count += len(sharpe)
        best = max(best, float(np.nanmax(sharpe.values)))
    assert count == 3930, count
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--batch", type=int, default=500, help="vectorbt columns per batch")
    args = parser.parse_args()
    import pandas as pd
    bars = pd.read_csv(os.path.join(ROOT, "datasets/btcusdt_1h.csv"))
    close = pd.Series(bars["close"].values, index=pd.to_datetime(bars["timestamp"], unit="ms"))
    vectorbt_sweep(close, args.batch)  # warm-up: numba compiles here
    crucible = os.path.join(ROOT, ".build/release/crucible")
    spec = os.path.join(ROOT, "benchmarks/specs/sweep_3930.json")
    peer, ours = [], []
    for _ in range(args.repeat):
        t = time.perf_counter(); vectorbt_sweep(close, args.batch); peer.append(time.perf_counter() - t)
        with tempfile.TemporaryDirectory() as out:
            t = time.perf_counter()
            subprocess.run([crucible, "run", spec, "--out", os.path.join(out, "run"), "--threads", str(args.threads), "--quiet"],
                           check=True, stdout=subprocess.DEVNULL)
            ours.append(time.perf_counter() - t)
    p, o = min(peer), min(ours)
    print(f"vectorbt sweep (steady state): {p:.2f} s  (runs: {', '.join(f'{x:.2f}' for x in peer)})")
    print(f"crucible run, whole process:   {o:.2f} s  (runs: {', '.join(f'{x:.2f}' for x in ours)})")
    print(f"crucible run is {p / o:.1f}x vectorbt's sweep (goal >= 50x)")


if __name__ == "__main__":
    main()
