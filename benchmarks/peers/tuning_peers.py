#!/usr/bin/env python3
"""Anchors for bench-tuning: the Python optimizers of bo_peers.py (random search, optuna TPE and
GP samplers, scikit-optimize's gp_minimize, bayes_opt) tuning real strategies, every evaluation
one `crucible backtest --spec` process (the path of a trial of `crucible run`).

  pip install optuna scikit-optimize bayesian-optimization torch scipy
  python3 benchmarks/peers/tuning_peers.py run --crucible .build/release/crucible --runs /tmp/tuning_runs.jsonl
        [--seeds 20] [--jobs 2] [--problems ema_cross_1d,...] [--optimizers random,...]
  python3 benchmarks/peers/tuning_peers.py summarize --runs /tmp/tuning_runs.jsonl
        --out Tests/Fixtures/bo/tuning_anchors.json [--markdown /tmp/tuning.md]

The problems are benchmarks/specs/tuning/problems.json: each spec's data range is the in-sample
period and its optimizer budget the number of evaluations; its searched parameters (min/max
ranges; integers when both bounds are integers) are the optimizers' box. The objective is the
spec's metric (maximized), read from metrics.json; a point whose metric is undefined (no trade)
scores 0, as in bench-tuning. The best point found is then backtested over the problem's
out_of_sample range. `run` appends one JSON line per finished (problem, optimizer, seed) and
skips those already in --runs, so it resumes; random search and TPE run first for every seed.
"""
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bo_peers import OPTIMIZERS, command_line, drive, execute, machine, quartiles, read_runs, versions  # noqa: E402

SPECS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "specs", "tuning")


def problems():
    with open(os.path.join(SPECS, "problems.json")) as fh:
        listed = json.load(fh)["problems"]
    out = {}
    for p in listed:
        path = os.path.join(SPECS, p["spec"])
        with open(path) as fh:
            spec = json.load(fh)
        # data paths resolve against the spec's folder; copies elsewhere need them absolute
        spec["data"]["file"] = os.path.normpath(os.path.join(SPECS, spec["data"]["file"]))
        params = [{"name": name, "kind": "int" if isinstance(d["min"], int) and isinstance(d["max"], int) else "float",
                   "low": d["min"], "high": d["max"]}
                  for name, d in spec["strategy"]["parameters"].items() if isinstance(d, dict) and "min" in d]
        out[p["name"]] = {"spec": spec, "params": params, "budget": spec["optimizer"]["budget"],
                          "metric": spec["objective"]["metric"], "out_of_sample": p["out_of_sample"]}
    return out


class Backtests:
    """`crucible backtest --spec` of one spec: the objective of a point, and the CPU it cost."""

    def __init__(self, crucible, spec, metric, folder):
        self.crucible, self.metric, self.folder = crucible, metric, folder
        os.makedirs(folder, exist_ok=True)
        self.path = os.path.join(folder, "spec.json")
        with open(self.path, "w") as fh:
            json.dump(spec, fh)
        self.calls = 0

    def __call__(self, point):
        self.calls += 1
        out = os.path.join(self.folder, f"point-{self.calls}")
        args = [self.crucible, "backtest", "--spec", self.path, "--out", out]
        for name, value in point.items():
            args += ["--param", f"{name}={value}"]
        done = subprocess.run(args, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)}: {done.stderr.strip()}")
        with open(os.path.join(out, "metrics.json")) as fh:
            value = json.load(fh).get(self.metric)
        return float(value) if value is not None else 0.0


def one_run(job):
    crucible, problem, name, seed = job
    p = problems()[problem]
    if name != "random":        # imports outside the timed region
        __import__({"optuna_tpe": "optuna", "optuna_gp": "optuna", "skopt_gp": "skopt", "bayes_opt": "bayes_opt"}[name])
    if name == "optuna_gp":
        import torch
        torch.set_num_threads(1)
    with tempfile.TemporaryDirectory(prefix="tuning-") as folder:
        inside = Backtests(crucible, p["spec"], p["metric"], os.path.join(folder, "in"))
        values, points = [], []

        def objective(x):
            point = {q["name"]: int(round(v)) if q["kind"] == "int" else float(v) for v, q in zip(x, p["params"])}
            value = inside(point)
            values.append(value)
            points.append(point)
            return -value               # drive() minimizes

        cpu0, children0 = time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
        wall0 = time.perf_counter()
        drive(name, p["params"], seed, objective, p["budget"])
        wall = time.perf_counter() - wall0
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        optimizer_cpu = time.process_time() - cpu0
        backtest_cpu = (children.ru_utime - children0.ru_utime) + (children.ru_stime - children0.ru_stime)
        if len(values) > p["budget"]:
            raise RuntimeError(f"{name} on {problem} seed {seed}: {len(values)} evaluations for a budget of {p['budget']}")
        best = int(np.argmax(values))
        held_spec = json.loads(json.dumps(p["spec"]))
        held_spec["data"]["start"] = p["out_of_sample"]["start"]
        held_spec["data"]["end"] = p["out_of_sample"]["end"]
        held = Backtests(crucible, held_spec, p["metric"], os.path.join(folder, "out"))
        out_of_sample = held(points[best])
    best_so_far = list(np.maximum.accumulate(values))
    best_so_far += [best_so_far[-1]] * (p["budget"] - len(values))   # cached repeats: spent, no gain
    return {"problem": problem, "optimizer": name, "seed": seed, "budget": p["budget"], "best_so_far": best_so_far,
            "best_point": points[best], "in_sample": values[best], "out_of_sample": out_of_sample,
            "optimizer_cpu_s": optimizer_cpu, "backtest_cpu_s": backtest_cpu, "wall_s": wall}


def run(args):
    known = problems()
    chosen = args.problems.split(",") if args.problems else list(known)
    optimizers = args.optimizers.split(",") if args.optimizers else list(OPTIMIZERS)
    for name in chosen:
        if name not in known:
            sys.exit(f"tuning_peers: unknown problem {name!r}")
    for name in optimizers:
        if name not in OPTIMIZERS:
            sys.exit(f"tuning_peers: unknown optimizer {name!r}")
    execute("tuning_peers", args, chosen, optimizers, one_run,
            lambda r: f"best {r['in_sample']:.3f} in sample, {r['out_of_sample']:.3f} out of sample, "
                      f"{r['optimizer_cpu_s']:.1f} + {r['backtest_cpu_s']:.1f} s CPU",
            prefix=(os.path.abspath(args.crucible),))


def summarize(args):
    runs = read_runs(args.runs)
    summary = {}
    for problem in problems():
        for name in OPTIMIZERS:
            rows = list(runs.get((problem, name), {}).values())
            if not rows:
                continue
            q = {key: quartiles([r[key] for r in rows]) for key in ("in_sample", "out_of_sample")}
            summary.setdefault(problem, {})[name] = {
                "seeds": len(rows),
                "in_sample": [q["in_sample"]["median"], q["in_sample"]["q25"], q["in_sample"]["q75"]],
                "out_of_sample": [q["out_of_sample"]["median"], q["out_of_sample"]["q25"], q["out_of_sample"]["q75"]],
                "cpu_seconds": float(np.median([r["optimizer_cpu_s"] + r["backtest_cpu_s"] for r in rows])),
                "optimizer_cpu_seconds": float(np.median([r["optimizer_cpu_s"] for r in rows])),
            }
    root = {"meta": {"generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
                     "machine": {**machine(), "parallel_workers": args.jobs}, "libraries": versions(),
                     "objective": "the spec's metric, maximized; undefined (no trade) scores 0",
                     "cpu_seconds": "median per run of the optimizer's own CPU plus its backtest processes' CPU",
                     "made_by": "benchmarks/peers/tuning_peers.py"},
            "summary": summary}
    with open(args.out, "w") as fh:
        json.dump(root, fh, indent=1)
        fh.write("\n")
    if args.markdown:
        lines = []
        for problem, rows in summary.items():
            lines += [f"## {problem}", "", "| optimiser | n seeds | best in sample | its out-of-sample value | CPU s per run |",
                      "|---|---:|---|---|---:|"]
            for name, e in rows.items():
                cell = lambda t: f"{t[0]:.3f} [{t[1]:.3f}, {t[2]:.3f}]"  # noqa: E731
                lines.append(f"| {name} | {e['seeds']} | {cell(e['in_sample'])} | {cell(e['out_of_sample'])} | "
                             f"{e['cpu_seconds']:.2f} |")
            lines.append("")
        with open(args.markdown, "w") as fh:
            fh.write("\n".join(lines))


def main():
    args = command_line(__doc__, "--problems", [("--crucible", {"required": True, "help": "a release build of crucible"})])
    run(args) if args.command == "run" else summarize(args)


if __name__ == "__main__":
    main()
