#!/usr/bin/env python3
"""Generates the oracle fixtures of Tests/LearningTests (see README.md next to this file).

Every expected value comes from scikit-learn, SciPy, the XGBoost Python package, or short
reference code written here directly from the definitions (labels, purged k-fold, walk-forward),
never from Crucible. Inputs are stored explicitly; the seeds only document how they were drawn.
Run:  python3 generate.py   (writes *.json in this folder)
"""
import json
import math
import os
import sys

import numpy as np
import scipy
import scipy.stats
import sklearn
import xgboost as xgb
from sklearn.calibration import calibration_curve
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, brier_score_loss, log_loss, roc_auc_score

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = {
    "python": sys.version.split()[0],
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "scikit-learn": sklearn.__version__,
    "xgboost": xgb.__version__,
}


def write(name, payload):
    payload = {"source": SOURCE, **payload}
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(payload, f, indent=1, allow_nan=False)
        f.write("\n")


def floats(a):
    return [float(x) for x in np.asarray(a, dtype=float).ravel()]


def nan_to_none(a):
    return [None if math.isnan(x) else float(x) for x in a]


# ---------------------------------------------------------------- linear models
def linear_fixture():
    rng = np.random.default_rng(16)
    n, p = 400, 5
    # Raw features on different scales (no standardization anywhere).
    scales = np.array([1.0, 0.01, 25.0, 3.0, 0.5])
    X = rng.normal(size=(n, p)) * scales + np.array([0.0, 0.002, 12.0, -1.0, 0.0])
    Xtest = rng.normal(size=(60, p)) * scales + np.array([0.0, 0.002, 12.0, -1.0, 0.0])
    w = np.array([0.8, -40.0, 0.03, 0.4, -1.2])
    logit = X @ w - 0.36 + rng.normal(scale=1.0, size=n)
    y_class = (logit > 0).astype(float)
    y_reg = X @ np.array([0.5, 20.0, -0.02, 0.1, 0.7]) + 0.3 + rng.normal(scale=0.5, size=n)
    cases = []
    for l2 in [1.0, 0.1, 10.0]:
        m = LogisticRegression(C=1.0 / l2, fit_intercept=True, solver="newton-cholesky",
                               tol=1e-14, max_iter=1000).fit(X, y_class)
        # Confirm convergence from the objective's gradient: Σ (p − y)[1, x] + l2·[0, w].
        prob = m.predict_proba(X)[:, 1]
        grad = np.concatenate([[np.sum(prob - y_class)], X.T @ (prob - y_class) + l2 * m.coef_[0]])
        assert np.max(np.abs(grad)) < 1e-8, grad
        cases.append({"model": "logistic", "l2": l2, "intercept": float(m.intercept_[0]),
                      "weights": floats(m.coef_[0]), "test_predictions": floats(m.predict_proba(Xtest)[:, 1]),
                      "call": f"LogisticRegression(C=1/{l2}, solver='newton-cholesky', tol=1e-14, max_iter=1000)"})
    for l2 in [1.0, 0.01, 100.0]:
        m = Ridge(alpha=l2, fit_intercept=True, solver="cholesky").fit(X, y_reg)
        cases.append({"model": "ridge", "l2": l2, "intercept": float(m.intercept_), "weights": floats(m.coef_),
                      "test_predictions": floats(m.predict(Xtest)),
                      "call": f"Ridge(alpha={l2}, solver='cholesky')"})
    write("linear.json", {
        "description": "L2 logistic regression (objective Σ log-loss + (l2/2)‖w‖², intercept unpenalized) and "
                       "ridge (‖y − b − Xw‖² + l2‖w‖²) fitted by scikit-learn on raw features.",
        "rows": n, "features": p, "X": [floats(r) for r in X], "y_class": floats(y_class), "y_reg": floats(y_reg),
        "X_test": [floats(r) for r in Xtest], "cases": cases, "tolerance": 1e-6,
    })


# ---------------------------------------------------------------- XGBoost
def xgboost_fixture():
    rng = np.random.default_rng(7)
    n, p = 600, 6
    names = ["rsi14", "ret24", "vol48", "hour", "z", "noise"]
    X = rng.normal(size=(n, p))
    X[:, 3] = rng.integers(0, 24, size=n)
    Xtest = rng.normal(size=(80, p))
    Xtest[:, 3] = rng.integers(0, 24, size=80)
    y_class = ((X[:, 0] * X[:, 1] + 0.5 * np.sin(X[:, 3] / 4) + 0.3 * rng.normal(size=n)) > 0).astype(float)
    y_reg = X[:, 0] ** 2 - X[:, 2] + 0.1 * X[:, 3] + 0.2 * rng.normal(size=n)
    cases = []
    for task, y, params, rounds in [
        ("classification", y_class,
         {"objective": "binary:logistic", "max_depth": 4, "eta": 0.05, "subsample": 0.8, "seed": 7,
          "tree_method": "hist", "nthread": 1}, 200),
        ("classification", y_class,
         {"objective": "binary:logistic", "max_depth": 3, "eta": 0.3, "colsample_bytree": 0.5, "min_child_weight": 2,
          "lambda": 2.0, "seed": 3, "tree_method": "hist", "nthread": 1}, 40),
        ("regression", y_reg,
         {"objective": "reg:squarederror", "max_depth": 3, "eta": 0.1, "subsample": 0.9, "seed": 0,
          "tree_method": "hist", "nthread": 1}, 60),
    ]:
        # float32 input, as Crucible sends it (numpy rounds float64 to nearest, like Swift's Float(_:)).
        dtrain = xgb.DMatrix(X.astype(np.float32), label=y.astype(np.float32), feature_names=names)
        booster = xgb.train(params, dtrain, num_boost_round=rounds)
        dtest = xgb.DMatrix(Xtest.astype(np.float32), feature_names=names)
        gain = booster.get_score(importance_type="gain")
        total = booster.get_score(importance_type="total_gain")
        weight = booster.get_score(importance_type="weight")
        cases.append({"task": task, "params": params, "num_round": rounds,
                      "test_predictions": floats(booster.predict(dtest)),
                      "train_predictions": floats(booster.predict(dtrain)),
                      "gain": [float(gain.get(k, 0.0)) for k in names],
                      "total_gain": [float(total.get(k, 0.0)) for k in names],
                      "weight": [float(weight.get(k, 0.0)) for k in names],
                      "call": f"xgb.train(params, DMatrix(X.astype(float32), label, feature_names), num_boost_round={rounds})"})
    write("xgboost.json", {
        "description": "XGBoost Python package predictions and importance (get_score gain / total_gain / weight) "
                       "for the same data and parameters.",
        "feature_names": names, "X": [floats(r) for r in X], "y_class": floats(y_class), "y_reg": floats(y_reg),
        "X_test": [floats(r) for r in Xtest], "cases": cases,
        "tolerance": "predictions 1e-6 absolute; importance 1e-4 relative (float32 sums)",
    })


# ---------------------------------------------------------------- purged k-fold and walk-forward
def purged_kfold_reference(samples, end, folds, embargo):
    """From the definition: contiguous groups (numpy.array_split); a training sample j is purged
    when [j, end[j]] meets [i, end[i]] for any test sample i (closed intervals), embargoed when
    maxEnd < j <= maxEnd + embargo, maxEnd = max end[i] over the test samples."""
    out = []
    for group in np.array_split(np.arange(len(samples)), folds):
        test = [samples[k] for k in group]
        max_end = max(end[i] for i in test)
        train, purged, embargoed = [], 0, 0
        for k, j in enumerate(samples):
            if k in set(group.tolist()):
                continue
            if any(j <= end[i] and end[j] >= i for i in test):
                purged += 1
            elif max_end < j <= max_end + embargo:
                embargoed += 1
            else:
                train.append(j)
        out.append({"test": test, "train": train, "purged": purged, "embargoed": embargoed})
    return out


def walk_forward_reference(n, samples, end, train, test, anchored):
    """Test windows [s, min(s+test, n)) for s = train, train+test, ... < n; training samples i in
    [s-train, s) ([0, s) anchored) with end[i] < s; scored samples i in the test window."""
    out = []
    s = train
    while s < n:
        lo = 0 if anchored else s - train
        hi = min(s + test, n)
        tr = [i for i in samples if lo <= i < s and end[i] < s]
        purged = sum(1 for i in samples if lo <= i < s and end[i] >= s)
        out.append({"train_start": lo, "test_start": s, "test_end": hi, "train": tr, "purged": purged,
                    "test": [i for i in samples if s <= i < hi]})
        s += test
    return out


def splits_fixture():
    rng = np.random.default_rng(42)
    cases = []
    for n, folds, embargo, max_span, drop in [(120, 5, 3, 6, 0.1), (97, 4, 0, 10, 0.3), (200, 7, 12, 1, 0.0),
                                             (60, 3, 5, 15, 0.2)]:
        spans = rng.integers(1, max_span + 1, size=n)
        end = [int(i + s) if i + s < n else -1 for i, s in enumerate(spans)]
        samples = [i for i in range(n) if end[i] >= 0 and rng.random() >= drop]
        cases.append({"kind": "purged_kfold", "n": n, "folds": folds, "embargo": embargo, "samples": samples,
                      "end": end, "expected": purged_kfold_reference(samples, end, folds, embargo)})
    for n, train, test, anchored, max_span in [(150, 40, 25, False, 5), (150, 40, 25, True, 5), (91, 30, 7, False, 12)]:
        spans = rng.integers(1, max_span + 1, size=n)
        end = [int(i + s) if i + s < n else -1 for i, s in enumerate(spans)]
        samples = [i for i in range(n) if end[i] >= 0 and rng.random() >= 0.15]
        cases.append({"kind": "walk_forward", "n": n, "train": train, "test": test, "anchored": anchored,
                      "samples": samples, "end": end,
                      "expected": walk_forward_reference(n, samples, end, train, test, anchored)})
    write("splits.json", {
        "description": "Purged k-fold (with embargo) and walk-forward index sets from plain-Python references "
                       "written from the definitions (functions purged_kfold_reference, walk_forward_reference).",
        "cases": cases,
    })


# ---------------------------------------------------------------- labels
def random_bars(rng, n):
    close = 100 * np.exp(np.cumsum(rng.normal(scale=0.01, size=n)))
    open_ = np.concatenate([[100.0], close[:-1]])
    high = np.maximum(open_, close) * (1 + np.abs(rng.normal(scale=0.006, size=n)))
    low = np.minimum(open_, close) * (1 - np.abs(rng.normal(scale=0.006, size=n)))
    return open_, high, low, close


def labels_reference(kind, o, h, l, c, **k):
    n = len(c)
    values, ends, barriers = [math.nan] * n, [-1] * n, ["none"] * n
    for i in range(n):
        if kind in ("forward_return", "forward_return_sign"):
            hz = k["horizon"]
            if i + hz < n:
                r = c[i + hz] / c[i] - 1
                values[i] = r if kind == "forward_return" else (1.0 if r > 0 else 0.0)
                ends[i] = i + hz
        else:
            up, dn, m = c[i] * (1 + k["take_profit"]), c[i] * (1 - k["stop_loss"]), k["max_bars"]
            for j in range(i + 1, min(i + m, n - 1) + 1):
                if l[j] <= dn:  # stop-loss first when both lie inside one bar
                    values[i], ends[i], barriers[i] = 0.0, j, "stop_loss"
                    break
                if h[j] >= up:
                    values[i], ends[i], barriers[i] = 1.0, j, "take_profit"
                    break
            else:
                if i + m < n:
                    values[i], ends[i], barriers[i] = (1.0 if c[i + m] > c[i] else 0.0), i + m, "vertical"
    return values, ends, barriers


def labels_fixture():
    rng = np.random.default_rng(5)
    n = 300
    o, h, l, c = random_bars(rng, n)
    cases = []
    for kind, kw in [("forward_return", {"horizon": 1}), ("forward_return", {"horizon": 24}),
                     ("forward_return_sign", {"horizon": 6}),
                     ("triple_barrier", {"take_profit": 0.02, "stop_loss": 0.015, "max_bars": 12}),
                     ("triple_barrier", {"take_profit": 0.005, "stop_loss": 0.005, "max_bars": 3}),
                     ("triple_barrier", {"take_profit": 0.1, "stop_loss": 0.1, "max_bars": 20})]:
        v, e, b = labels_reference(kind, o, h, l, c, **kw)
        cases.append({"kind": kind, **kw, "values": nan_to_none(v), "end": e, "barriers": b})
    write("labels.json", {
        "description": "Labels from a plain-Python reference of the definitions (labels_reference): entry at "
                       "close[i]; forward return close[i+h]/close[i]-1; triple barrier on high/low, stop-loss first "
                       "in a bar touching both, vertical barrier labelled by the sign of close[i+max]/close[i]-1. "
                       "null = undefined.",
        "open": floats(o), "high": floats(h), "low": floats(l), "close": floats(c), "cases": cases,
    })


# ---------------------------------------------------------------- metrics
def calibration(y, p, bins):
    observed, predicted = calibration_curve(y, p, n_bins=bins, strategy="uniform")
    edges = np.linspace(0.0, 1.0, bins + 1)
    counts = np.bincount(np.searchsorted(edges[1:-1], p), minlength=bins)
    return {"bins": bins, "observed": floats(observed), "predicted": floats(predicted),
            "counts": [int(c) for c in counts if c > 0]}


def metrics_fixture():
    rng = np.random.default_rng(11)
    cases = []
    for n, tie, extreme in [(50, False, False), (200, True, False), (31, True, True)]:
        y = (rng.random(n) < 0.45).astype(float)
        p = np.clip(0.5 + 0.3 * (y - 0.5) + rng.normal(scale=0.2, size=n), 0.0, 1.0)
        if tie:
            p = np.round(p, 1)
        if extreme:
            p[0], p[1] = 0.0, 1.0
        x = rng.normal(size=n)
        z = x + rng.normal(size=n)
        if tie:
            z = np.round(z)
        cases.append({"y": floats(y), "p": floats(p), "x": floats(x), "z": floats(z),
                      "auc": float(roc_auc_score(y, p)), "log_loss": float(log_loss(y, p)),
                      "brier": float(brier_score_loss(y, p)), "accuracy": float(accuracy_score(y, (p > 0.5).astype(float))),
                      "spearman": float(scipy.stats.spearmanr(x, z).correlation),
                      "calibration": [calibration(y, p, bins) for bins in (10, 5)]})
    write("metrics.json", {
        "description": "roc_auc_score, log_loss (eps='auto'), brier_score_loss, accuracy_score(y, p > 0.5) "
                       "from scikit-learn; scipy.stats.spearmanr(x, z); calibration_curve(y, p, n_bins, strategy='uniform') "
                       "with the bin counts from the same searchsorted binning.",
        "cases": cases, "tolerance": 1e-12,
    })


# ---------------------------------------------------------------- pipeline (labels -> purged CV -> walk-forward)
def pipeline_fixture():
    rng = np.random.default_rng(21)
    n = 260
    o, h, l, c = random_bars(rng, n)
    ret = np.concatenate([[np.nan], c[1:] / c[:-1] - 1])
    f1 = np.array([np.nan] * 3 + [c[i] / c[i - 3] - 1 for i in range(3, n)])
    f2 = np.array([np.nan] * 5 + [np.std(ret[i - 4:i + 1]) for i in range(5, n)])
    f3 = np.arange(n) % 24.0
    F = np.column_stack([f1, f2, f3])
    horizon, l2, folds, embargo, train, test = 4, 0.5, 4, 4, 80, 30
    values, ends, _ = labels_reference("forward_return_sign", o, h, l, c, horizon=horizon)
    complete = ~np.isnan(F).any(axis=1)
    usable = [i for i in range(n) if not math.isnan(values[i]) and complete[i]]

    def fit(rows):
        return LogisticRegression(C=1 / l2, solver="newton-cholesky", tol=1e-14, max_iter=1000).fit(
            F[rows], [values[i] for i in rows])

    cv = [None] * n
    for fold in purged_kfold_reference(usable, ends, folds, embargo):
        m = fit(fold["train"])
        for i, q in zip(fold["test"], m.predict_proba(F[fold["test"]])[:, 1]):
            cv[i] = float(q)
    wf = [None] * n
    for w in walk_forward_reference(n, usable, ends, train, test, False):
        m = fit(w["train"])
        rows = [i for i in range(w["test_start"], w["test_end"]) if complete[i]]
        for i, q in zip(rows, m.predict_proba(F[rows])[:, 1]):
            wf[i] = float(q)
    final = fit(usable)

    # The same chain with XGBoost on triple-barrier labels (variable label ends drive the purge).
    tb = {"take_profit": 0.012, "stop_loss": 0.01, "max_bars": 8}
    tb_values, tb_ends, _ = labels_reference("triple_barrier", o, h, l, c, **tb)
    tb_usable = [i for i in range(n) if not math.isnan(tb_values[i]) and complete[i]]
    xgb_params = {"objective": "binary:logistic", "max_depth": 3, "eta": 0.1, "subsample": 0.8, "seed": 7,
                  "tree_method": "hist", "nthread": 1}
    xgb_rounds = 30

    def xgb_fit_predict(train_rows, predict_rows):
        d = xgb.DMatrix(F[train_rows].astype(np.float32), label=np.array([tb_values[i] for i in train_rows], dtype=np.float32))
        b = xgb.train(xgb_params, d, num_boost_round=xgb_rounds)
        return b.predict(xgb.DMatrix(F[predict_rows].astype(np.float32)))

    xcv = [None] * n
    for fold in purged_kfold_reference(tb_usable, tb_ends, folds, embargo):
        for i, q in zip(fold["test"], xgb_fit_predict(fold["train"], fold["test"])):
            xcv[i] = float(q)
    xwf = [None] * n
    for w in walk_forward_reference(n, tb_usable, tb_ends, train, test, False):
        rows = [i for i in range(w["test_start"], w["test_end"]) if complete[i]]
        for i, q in zip(rows, xgb_fit_predict(w["train"], rows)):
            xwf[i] = float(q)
    write("pipeline.json", {
        "description": "End to end: forward_return_sign labels, purged k-fold out-of-fold and walk-forward "
                       "predictions of scikit-learn LogisticRegression(C=1/l2) on three features (NaN warm-up), "
                       "using the reference splits above; then the same with the XGBoost package on triple-barrier "
                       "labels. null = no prediction.",
        "open": floats(o), "high": floats(h), "low": floats(l), "close": floats(c),
        "features": {"mom3": nan_to_none(f1), "vol5": nan_to_none(f2), "hour": floats(f3)},
        "horizon": horizon, "l2": l2, "folds": folds, "embargo": embargo, "train": train, "test": test,
        "cv_predictions": cv, "walk_forward_predictions": wf,
        "final_intercept": float(final.intercept_[0]), "final_weights": floats(final.coef_[0]),
        "xgboost": {"label": {"kind": "triple_barrier", **tb}, "params": xgb_params, "num_round": xgb_rounds,
                    "cv_predictions": xcv, "walk_forward_predictions": xwf},
        "tolerance": 1e-6,
    })


if __name__ == "__main__":
    linear_fixture()
    xgboost_fixture()
    splits_fixture()
    labels_fixture()
    metrics_fixture()
    pipeline_fixture()
    print("wrote fixtures with", SOURCE)
