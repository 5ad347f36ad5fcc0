#!/usr/bin/env python3
"""Anchors for bench-optimization: random search, optuna TPE and GP samplers, scikit-optimize's
gp_minimize and bayes_opt on every test function bench-optimization offers, with the budgets
and seeds of Tests/Fixtures/bo/README.md.

  pip install optuna scikit-optimize bayesian-optimization torch scipy
  python3 benchmarks/peers/bo_peers.py run --runs /tmp/bo_runs.jsonl [--seeds 20] [--jobs 2]
        [--functions branin,...] [--optimizers random,...]
  python3 benchmarks/peers/bo_peers.py summarize --runs /tmp/bo_runs.jsonl
        --out Tests/Fixtures/bo/anchors.json [--markdown /tmp/anchors.md]

`run` executes one (function, optimizer, seed) per fresh single-threaded process and appends
one JSON line per finished run to --runs (already finished runs are skipped, so it resumes).
Random search and TPE run first for every seed, then the model-based optimizers seed by seed, so
an interrupted measurement still covers every function with the same seeds. `summarize` turns the lines into the anchors file bench-optimization --anchors
reads (meta, problems, optimizers, summary, ranking) and, with --markdown, the README tables.
Every proposal spends one evaluation; regret = best value among the first k minus the minimum.
"""
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse
import json
import math
import multiprocessing as mp
import platform
import resource
import sys
import time
from datetime import datetime, timezone

import numpy as np

CHECKPOINTS = [10, 20, 30, 50, 100]
OPTIMIZERS = {
    "random": "uniform over the box (integers uniform over their range), numpy default_rng(seed)",
    "optuna_tpe": "TPESampler(seed=seed), all other arguments default (n_startup_trials=10, independent "
                  "univariate TPE); suggest_float / suggest_int",
    "optuna_gp": "GPSampler(seed=seed), all other arguments default (n_startup_trials=10, "
                 "deterministic_objective=False); suggest_float / suggest_int",
    "skopt_gp": "gp_minimize(func, dims, n_calls=budget, n_initial_points=10, random_state=seed); defaults: "
                "acq_func='gp_hedge', acq_optimizer='auto', initial_point_generator='random', noise='gaussian'; "
                "Real / Integer dimensions",
    "bayes_opt": "BayesianOptimization(f=-objective, pbounds, random_state=seed, verbose=0) then "
                 "maximize(init_points=5, n_iter=budget-5); defaults: UCB kappa=2.576, Matern 5/2, "
                 "integers as (low, high, int) bounds",
}
NAMES = {"random": "random search", "optuna_tpe": "optuna TPESampler", "optuna_gp": "optuna GPSampler",
         "skopt_gp": "skopt gp_minimize", "bayes_opt": "bayes_opt BayesianOptimization"}


# ---- test functions, written from their textbook definitions --------------------------------

def branin(x):
    x1, x2 = x
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


H_ALPHA = [1.0, 1.2, 3.0, 3.2]
H3_A = [[3, 10, 30], [0.1, 10, 35], [3, 10, 30], [0.1, 10, 35]]
H3_P = [[3689e-4, 1170e-4, 2673e-4], [4699e-4, 4387e-4, 7470e-4], [1091e-4, 8732e-4, 5547e-4],
        [381e-4, 5743e-4, 8828e-4]]
H6_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
H6_P = [[1312e-4, 1696e-4, 5569e-4, 124e-4, 8283e-4, 5886e-4], [2329e-4, 4135e-4, 8307e-4, 3736e-4, 1004e-4, 9991e-4],
        [2348e-4, 1451e-4, 3522e-4, 2883e-4, 3047e-4, 6650e-4], [4047e-4, 8828e-4, 8732e-4, 5743e-4, 1091e-4, 381e-4]]


def hartmann(a, p):
    def f(x):
        return -sum(H_ALPHA[i] * math.exp(-sum(a[i][j] * (x[j] - p[i][j]) ** 2 for j in range(len(x))))
                    for i in range(4))
    return f


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(len(x) - 1))


def ackley(x):
    d = len(x)
    s = math.sqrt(sum(v * v for v in x) / d)
    c = sum(math.cos(2 * math.pi * v) for v in x) / d
    return -20 * math.exp(-0.2 * s) - math.exp(c) + 20 + math.e


def levy(x):
    w = [1 + (v - 1) / 4 for v in x]
    total = math.sin(math.pi * w[0]) ** 2
    for wi in w[:-1]:
        total += (wi - 1) ** 2 * (1 + 10 * math.sin(math.pi * wi + 1) ** 2)
    return total + (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2)


def styblinski_tang(x):
    return sum(0.5 * (v ** 4 - 16 * v ** 2 + 5 * v) for v in x)


def mixed_sweep(x):
    fast, slow, thr = x
    u, v = math.log(fast), math.log(slow)
    g1 = math.exp(-((u - math.log(12)) / 0.35) ** 2 - ((v - math.log(60)) / 0.30) ** 2 - ((thr - 0.012) / 0.009) ** 2)
    g2 = math.exp(-((u - math.log(34)) / 0.25) ** 2 - ((v - math.log(150)) / 0.20) ** 2 - ((thr - 0.031) / 0.0075) ** 2)
    return (-1.00 * g1 - 0.85 * g2 + 0.06 * math.cos(2 * math.pi * fast / 7) * math.cos(2 * math.pi * slow / 23)
            + 0.04 * math.cos(2 * math.pi * thr / 0.01) + 0.5 * max(0.0, math.log(1.5) - (v - u)) ** 2)


def box(d, low, high):
    return [{"name": f"x{i + 1}", "kind": "float", "low": low, "high": high} for i in range(d)]


ST_ROOT = -2.903534027771178  # root of 4x^3 - 32x + 5 = 0 in [-5, 5] giving the minimum
PROBLEMS = {
    "branin": dict(f=branin, params=[{"name": "x1", "kind": "float", "low": -5.0, "high": 10.0},
                                     {"name": "x2", "kind": "float", "low": 0.0, "high": 15.0}],
                   fmin=0.39788735772973816,
                   xmin=[[-math.pi, 12.275], [math.pi, 2.275], [9.42477796, 2.475]],
                   formula="f(x) = (x2 - 5.1/(4 pi^2) x1^2 + 5/pi x1 - 6)^2 + 10 (1 - 1/(8 pi)) cos(x1) + 10; "
                           "x1 in [-5, 10], x2 in [0, 15]"),
    "hartmann3": dict(f=hartmann(H3_A, H3_P), params=box(3, 0.0, 1.0), fmin=-3.86278214782076,
                      xmin=[[0.114614, 0.555649, 0.852547]],
                      formula="f(x) = -sum_{i=1..4} alpha_i exp(-sum_{j=1..3} A_ij (x_j - P_ij)^2); x in [0,1]^3; "
                              "alpha = (1, 1.2, 3, 3.2); A = [[3,10,30],[0.1,10,35],[3,10,30],[0.1,10,35]]; "
                              "P = 1e-4 * [[3689,1170,2673],[4699,4387,7470],[1091,8732,5547],[381,5743,8828]]"),
    "hartmann6": dict(f=hartmann(H6_A, H6_P), params=box(6, 0.0, 1.0), fmin=-3.32236801141551,
                      xmin=[[0.20168952, 0.15001069, 0.47687398, 0.27533243, 0.31165162, 0.65730054]],
                      formula="f(x) = -sum_{i=1..4} alpha_i exp(-sum_{j=1..6} A_ij (x_j - P_ij)^2); x in [0,1]^6; "
                              "alpha = (1, 1.2, 3, 3.2); A = [[10,3,17,3.5,1.7,8],[0.05,10,17,0.1,8,14],"
                              "[3,3.5,1.7,10,17,8],[17,8,0.05,10,0.1,14]]; P = 1e-4 * [[1312,1696,5569,124,8283,5886],"
                              "[2329,4135,8307,3736,1004,9991],[2348,1451,3522,2883,3047,6650],"
                              "[4047,8828,8732,5743,1091,381]]"),
    "rosenbrock": dict(f=rosenbrock, params=box(4, -5.0, 10.0), fmin=0.0, xmin=[[1.0] * 4],
                       formula="f(x) = sum_{i=1..3} 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2; x in [-5, 10]^4"),
    "ackley": dict(f=ackley, params=box(5, -32.768, 32.768), fmin=0.0, xmin=[[0.0] * 5],
                   formula="f(x) = -20 exp(-0.2 sqrt(sum x_i^2 / 5)) - exp(sum cos(2 pi x_i) / 5) + 20 + e; "
                           "x in [-32.768, 32.768]^5"),
    "levy": dict(f=levy, params=box(4, -10.0, 10.0), fmin=0.0, xmin=[[1.0] * 4],
                 formula="w_i = 1 + (x_i - 1)/4; f(x) = sin^2(pi w_1) + sum_{i=1..3} (w_i - 1)^2 (1 + 10 sin^2(pi w_i + 1)) "
                         "+ (w_4 - 1)^2 (1 + sin^2(2 pi w_4)); x in [-10, 10]^4"),
    "styblinski_tang": dict(f=styblinski_tang, params=box(4, -5.0, 5.0), fmin=-39.16616570377142 * 4,
                            xmin=[[ST_ROOT] * 4],
                            formula="f(x) = sum_{i=1..4} (x_i^4 - 16 x_i^2 + 5 x_i) / 2; x in [-5, 5]^4"),
    "mixed_sweep": dict(f=mixed_sweep, params=[{"name": "fast", "kind": "int", "low": 2, "high": 50},
                                               {"name": "slow", "kind": "int", "low": 10, "high": 200},
                                               {"name": "thr", "kind": "float", "low": 0.0, "high": 0.05}],
                        fmin=-0.9897382976263532, xmin=[[12, 60, 0.012983016525661015]],
                        formula="u = ln(fast), v = ln(slow)\n"
                                "g1 = exp( -((u - ln 12)/0.35)^2 - ((v - ln 60)/0.30)^2  - ((thr - 0.012)/0.009)^2 )\n"
                                "g2 = exp( -((u - ln 34)/0.25)^2 - ((v - ln 150)/0.20)^2 - ((thr - 0.031)/0.0075)^2 )\n"
                                "f(fast, slow, thr) = - 1.00*g1 - 0.85*g2\n"
                                "                     + 0.06*cos(2*pi*fast/7)*cos(2*pi*slow/23)\n"
                                "                     + 0.04*cos(2*pi*thr/0.01)\n"
                                "                     + 0.5*max(0, ln 1.5 - (v - u))^2\n"
                                "fast integer in [2, 50], slow integer in [10, 200], thr real in [0, 0.05]"),
}


def budget_of(problem):
    return 50 if len(PROBLEMS[problem]["params"]) <= 4 else 100


def basin(x):
    """Which basin of mixed_sweep a point lies in (within one width of the centre on every axis)."""
    u, v, thr = math.log(x[0]), math.log(x[1]), x[2]
    if abs(u - math.log(12)) <= 0.35 and abs(v - math.log(60)) <= 0.30 and abs(thr - 0.012) <= 0.009:
        return "main"
    if abs(u - math.log(34)) <= 0.25 and abs(v - math.log(150)) <= 0.20 and abs(thr - 0.031) <= 0.0075:
        return "decoy"
    return "neither"


# ---- one run ----------------------------------------------------------------------------------

class Recorder:
    """Wraps the objective: records every value, the point, the wall time and objective time."""

    def __init__(self, problem):
        self.f = PROBLEMS[problem]["f"]
        self.params = PROBLEMS[problem]["params"]
        self.values, self.points, self.stamps = [], [], []
        self.objective_s = 0.0
        self.start = time.perf_counter()

    def __call__(self, x):
        x = [int(round(v)) if p["kind"] == "int" else float(v) for v, p in zip(x, self.params)]
        t = time.perf_counter()
        y = self.f(x)
        self.objective_s += time.perf_counter() - t
        self.values.append(y)
        self.points.append(x)
        self.stamps.append(time.perf_counter() - self.start)
        return y


def drive(name, params, seed, rec, budget):
    """Runs optimizer `name` for `budget` evaluations of `rec` (minimized) over `params`
    ([{"name", "kind": "int"|"float", "low", "high"}]); also used by tuning_peers.py."""
    if name == "random":
        rng = np.random.default_rng(seed)
        for _ in range(budget):
            rec([rng.integers(p["low"], p["high"] + 1) if p["kind"] == "int" else rng.uniform(p["low"], p["high"])
                 for p in params])
    elif name in ("optuna_tpe", "optuna_gp"):
        import optuna
        optuna.logging.set_verbosity(optuna.logging.WARNING)
        sampler = optuna.samplers.TPESampler(seed=seed) if name == "optuna_tpe" else optuna.samplers.GPSampler(seed=seed)
        study = optuna.create_study(sampler=sampler, direction="minimize")

        def objective(trial):
            return rec([trial.suggest_int(p["name"], p["low"], p["high"]) if p["kind"] == "int"
                        else trial.suggest_float(p["name"], p["low"], p["high"]) for p in params])
        study.optimize(objective, n_trials=budget)
    elif name == "skopt_gp":
        from skopt import gp_minimize
        from skopt.space import Integer, Real
        dims = [Integer(p["low"], p["high"], name=p["name"]) if p["kind"] == "int"
                else Real(p["low"], p["high"], name=p["name"]) for p in params]
        gp_minimize(rec, dims, n_calls=budget, n_initial_points=10, random_state=seed)
    elif name == "bayes_opt":
        from bayes_opt import BayesianOptimization
        pbounds = {p["name"]: (p["low"], p["high"], int) if p["kind"] == "int" else (p["low"], p["high"])
                   for p in params}
        keys = [p["name"] for p in params]
        opt = BayesianOptimization(f=lambda **kw: -rec([kw[k] for k in keys]), pbounds=pbounds,
                                   random_state=seed, verbose=0)
        opt.maximize(init_points=5, n_iter=budget - 5)
    else:
        raise ValueError(f"unknown optimizer {name!r}")


def one_run(job):
    problem, name, seed = job
    budget = budget_of(problem)
    if name == "optuna_gp":     # the GP sampler's torch, single-threaded like everything else
        import torch
        torch.set_num_threads(1)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if name != "random":        # imports outside the timed region
        __import__({"optuna_tpe": "optuna", "optuna_gp": "optuna", "skopt_gp": "skopt", "bayes_opt": "bayes_opt"}[name])
        if name == "optuna_gp":
            import optuna._gp.gp  # noqa: F401  (the GP sampler's lazy torch/scipy imports)
        base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rec = Recorder(problem)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    rec.start = wall0
    drive(name, PROBLEMS[problem]["params"], seed, rec, budget)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    calls = len(rec.values)
    if calls > budget:
        raise RuntimeError(f"{name} on {problem} seed {seed}: {calls} evaluations for a budget of {budget}")
    fmin = PROBLEMS[problem]["fmin"]
    regret = list(np.minimum.accumulate(np.array(rec.values) - fmin))
    stamps = list(rec.stamps)
    repeats = budget - calls          # proposals answered from a cache: spent, no improvement
    regret += [regret[-1]] * repeats
    stamps += [stamps[-1]] * repeats
    best = int(np.argmin(rec.values))
    return {"problem": problem, "optimizer": name, "seed": seed, "budget": budget, "regret": regret,
            "elapsed_s": stamps, "wall_s": wall, "cpu_s": cpu, "objective_s": rec.objective_s,
            "best_point": rec.points[best], "cached_repeats": repeats,
            "rss_base_mb": base_rss, "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run(args):
    problems = args.functions.split(",") if args.functions else list(PROBLEMS)
    optimizers = args.optimizers.split(",") if args.optimizers else list(OPTIMIZERS)
    for name in problems + optimizers:
        if name not in PROBLEMS and name not in OPTIMIZERS:
            sys.exit(f"bo_peers: unknown function or optimizer {name!r}")
    execute("bo_peers", args, problems, optimizers, one_run,
            lambda r: f"regret {r['regret'][-1]:.3g}, {r['cpu_s']:.2f} s CPU")


def execute(tool, args, problems, optimizers, work, describe, prefix=()):
    """Runs `work((*prefix, problem, optimizer, seed))` for every combination not yet in
    args.runs, one fresh process each on args.jobs workers, appending each result as a JSON line
    (so a run resumes). The cheap samplers go first for every seed, then the model-based ones
    seed by seed, so an interrupted measurement still covers every problem with the same seeds."""
    done = set()
    if os.path.exists(args.runs):
        with open(args.runs) as fh:
            for line in fh:
                r = json.loads(line)
                done.add((r["problem"], r["optimizer"], r["seed"]))
    cheap = [o for o in optimizers if o in ("random", "optuna_tpe")]
    costly = [o for o in optimizers if o not in cheap]
    jobs = [(p, o, s) for s in range(args.seeds) for p in problems for o in cheap] + \
           [(p, o, s) for s in range(args.seeds) for p in problems for o in costly]
    jobs = [(*prefix, *job) for job in jobs if job not in done]
    print(f"{tool}: {len(jobs)} runs to do, {len(done)} already in {args.runs}", flush=True)
    with mp.get_context("spawn").Pool(args.jobs, maxtasksperchild=1) as pool, open(args.runs, "a") as out:
        for r in pool.imap_unordered(work, jobs):
            out.write(json.dumps(r) + "\n")
            out.flush()
            print(f"{r['problem']} {r['optimizer']} seed {r['seed']}: {describe(r)}", flush=True)


# ---- summary ----------------------------------------------------------------------------------

def quartiles(values):
    v = np.asarray(values, dtype=float)
    return {"median": float(np.median(v)), "q25": float(np.percentile(v, 25)), "q75": float(np.percentile(v, 75))}


def versions():
    from importlib.metadata import version
    libs = {"python": platform.python_version()}
    for module, dist in (("numpy", "numpy"), ("scipy", "scipy"), ("sklearn", "scikit-learn"), ("optuna", "optuna"),
                         ("skopt", "scikit-optimize"), ("bayes_opt", "bayesian-optimization"), ("torch", "torch")):
        try:
            libs[module] = version(dist)
        except Exception:
            libs[module] = None
    return libs


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    info = {"cpu": cpu, "cores": os.cpu_count(), "threads_per_worker": 1}
    try:
        from threadpoolctl import threadpool_info
        info["blas"] = [{"internal_api": i.get("internal_api"), "version": i.get("version"),
                         "architecture": i.get("architecture")} for i in threadpool_info()]
    except ImportError:
        pass
    return info


def summarize_group(problem, rows):
    budget = budget_of(problem)
    checks = [k for k in CHECKPOINTS if k <= budget]
    entry = {"n_seeds": len(rows), "seeds": sorted(r["seed"] for r in rows), "regret": {}, "elapsed_s": {}}
    for k in checks:
        v = np.array([r["regret"][k - 1] for r in rows])
        entry["regret"][str(k)] = {**quartiles(v), "mean": float(v.mean()), "min": float(v.min()), "max": float(v.max())}
        entry["elapsed_s"][str(k)] = {"median": float(np.median([r["elapsed_s"][k - 1] for r in rows]))}
    wall = [r["wall_s"] for r in rows]
    cpu = [r["cpu_s"] for r in rows]
    entry["wall_s"] = {**quartiles(wall), "max": float(max(wall))}
    entry["cpu_s"] = {**quartiles(cpu), "max": float(max(cpu)), "n": len(cpu)}
    overhead = [r["wall_s"] - r["objective_s"] for r in rows]
    entry["overhead_s"] = {"median": float(np.median(overhead))}
    entry["overhead_per_eval_ms"] = float(np.median(overhead)) / budget * 1000
    entry["rss_peak_mb"] = float(np.median([r["rss_peak_mb"] for r in rows]))
    entry["rss_base_mb"] = float(np.median([r["rss_base_mb"] for r in rows]))
    entry["rss_delta_mb"] = float(np.median([r["rss_peak_mb"] - r["rss_base_mb"] for r in rows]))
    entry["cached_repeats_median"] = float(np.median([r["cached_repeats"] for r in rows]))
    if problem == "mixed_sweep":
        counts = {"main": 0, "decoy": 0, "neither": 0}
        for r in rows:
            counts[basin(r["best_point"])] += 1
        entry["best_point_basin"] = counts
        entry["main_basin_regret_lt_0.11"] = sum(r["regret"][-1] < 0.11 for r in rows)
    return entry


def read_runs(path):
    """The runs file as {(problem, optimizer): {seed: run}}; the last line per seed wins."""
    runs = {}
    with open(path) as fh:
        for line in fh:
            r = json.loads(line)
            runs.setdefault((r["problem"], r["optimizer"]), {})[r["seed"]] = r
    return runs


def summarize(args):
    from scipy.stats import mannwhitneyu
    runs = read_runs(args.runs)
    summary, ranking = {}, {}
    for problem in PROBLEMS:
        groups = {o: list(runs[(problem, o)].values()) for o in OPTIMIZERS if (problem, o) in runs}
        if not groups:
            continue
        summary[problem] = {o: summarize_group(problem, rows) for o, rows in sorted(groups.items())}
        final = {o: [r["regret"][-1] for r in rows] for o, rows in groups.items() if o != "random"}
        order = sorted(final, key=lambda o: np.median(final[o]))
        if order:
            ranking[problem] = {"order": order, "best": order[0], "mannwhitney_best_vs": [
                {"vs": o, "p_one_sided": float(mannwhitneyu(final[order[0]], final[o], alternative="less").pvalue)}
                for o in order[1:]]}
    seeds = sorted({len(g) for p in summary.values() for g in [[0] * e["n_seeds"] for e in p.values()]})
    root = {
        "meta": {
            "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
            "machine": {**machine(), "parallel_workers": args.jobs},
            "libraries": versions(),
            "checkpoints": CHECKPOINTS,
            "budget_rule": "50 evaluations for d <= 4, 100 for d in 5..6",
            "evaluation_accounting": "every optimizer proposal spends one step of the budget; bayes_opt repeats "
                                     "answered from its cache are counted as spent steps (regret unchanged)",
            "regret": "simple regret = best objective value among the first k evaluations minus the global minimum",
            "seeds_note": f"seeds 0..n-1 per optimizer, n in {seeds}, passed to each optimiser's own random state; "
                          "made by benchmarks/peers/bo_peers.py",
        },
        "problems": {p: {"dim": len(d["params"]), "budget": budget_of(p), "params": d["params"], "formula": d["formula"],
                         "fmin": d["fmin"], "xmin": d["xmin"]} for p, d in PROBLEMS.items() if p in summary},
        "optimizers": OPTIMIZERS,
        "summary": summary,
        "ranking": ranking,
    }
    with open(args.out, "w") as fh:
        json.dump(root, fh, indent=1)
        fh.write("\n")
    if args.markdown:
        with open(args.markdown, "w") as fh:
            fh.write(markdown(root))


def fmt(x):
    if x == 0:
        return "0"
    return f"{x:.3g}" if 0.01 <= abs(x) < 1000 else f"{x:.2e}"


def markdown(root):
    lines = []
    for problem, groups in root["summary"].items():
        info = root["problems"][problem]
        checks = [k for k in CHECKPOINTS if k <= info["budget"]]
        best = root["ranking"].get(problem, {}).get("best")
        lines += [f"## {problem} ({info['dim']}-D, budget {info['budget']})", "", "Definition:", "", "```",
                  info["formula"], "```", "", f"Global minimum f* = {info['fmin']!r}.", "",
                  "| optimiser | n seeds | " + " | ".join(f"regret @{k}" for k in checks) + " | CPU s per run |",
                  "|---|---|" + "---|" * len(checks) + "---|"]
        for o in OPTIMIZERS:
            if o not in groups:
                continue
            e = groups[o]
            cells = [f"{fmt(e['regret'][str(k)]['median'])} [{fmt(e['regret'][str(k)]['q25'])}, "
                     f"{fmt(e['regret'][str(k)]['q75'])}]" for k in checks]
            label = NAMES[o] + (" **(best)**" if o == best else "")
            lines.append(f"| {label} | {e['n_seeds']} | " + " | ".join(cells) + f" | {fmt(e['cpu_s']['median'])} |")
        if problem == "mixed_sweep":
            lines += ["", "| optimiser | best point in main / decoy / neither basin | final regret < 0.11 |", "|---|---|---|"]
            for o in OPTIMIZERS:
                if o in groups:
                    b = groups[o]["best_point_basin"]
                    lines.append(f"| {NAMES[o]} | {b['main']} / {b['decoy']} / {b['neither']} | "
                                 f"{groups[o]['main_basin_regret_lt_0.11']}/{groups[o]['n_seeds']} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def command_line(doc, selection, extra_run=()):
    """The `run` / `summarize` command line shared with tuning_peers.py: `selection` names the
    run option that picks problems, `extra_run` adds (flag, kwargs) pairs to `run`."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run")
    for flag, kwargs in extra_run:
        r.add_argument(flag, **kwargs)
    r.add_argument("--runs", required=True)
    r.add_argument("--seeds", type=int, default=20)
    r.add_argument("--jobs", type=int, default=2)
    r.add_argument(selection)
    r.add_argument("--optimizers")
    s = sub.add_parser("summarize")
    s.add_argument("--runs", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--markdown")
    s.add_argument("--jobs", type=int, default=2, help="workers the runs used (recorded in meta)")
    return parser.parse_args()


def main():
    args = command_line(__doc__, "--functions")
    run(args) if args.command == "run" else summarize(args)


if __name__ == "__main__":
    main()
