"""Fit the matcher's weights and thresholds on the annotated sets, with cross-validation.

Loads every annotated set (bench/verdict_sets.py) once, with the candidate facts a real Redis
gives each article, then searches the table of service/verify/weights.json coordinate by
coordinate: each weight or threshold in turn is tried at a few multiples of its value (and 0),
and kept where the objective is best. The objective counts right verdicts and weighs each
false "supported" or false "contradicted" as WRONG_COST wrong ones, since those are the errors
a newsroom cannot take. Cross-validation is by article (K folds): each fold is fitted on the
other articles and scored on its own, and the held-out figures are printed. The table fitted
on every article is written to weights.json (with --write) together with those figures.

usage: python bench/fit_weights.py [--folds 5] [--rounds 3] [--write]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

import redis

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.verdict_accuracy import CannotRun, start_redis, stop_redis  # noqa: E402
from bench.verdict_sets import Score, load, overall, score  # noqa: E402
from service.verify import rules  # noqa: E402

WRONG_COST = 20  # one false supported or contradicted outweighs this many right verdicts
STEPS = (0.0, 0.5, 0.8, 1.25, 1.6, 2.0)
# Thresholds and factors move on their own scales, not only by multiples.
GRIDS = {
    ("params", "threshold"): (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65),
    ("params", "event_margin"): (-1.0, 0.0, 0.03, 0.05, 0.1, 0.15),
    ("params", "far_off"): (2.0, 2.5, 3.0, 5.0, 10.0, 1e9),  # 1e9: no figure is too far off
    ("params", "cap_lead"): (0.1, 0.2, 0.3, 0.5, 1e9),  # 1e9: past the cap, a tie is a tie
}
FIXED = {("params", "keyword_cap")}


def objective(s: Score) -> float:
    return s.right - WRONG_COST * (s.false_supported + s.false_contradicted)


def evaluate(cases, table) -> Score:
    with rules.tuned(table):
        return overall(score(cases))


def candidates(section: str, name: str, value: float):
    if (section, name) in GRIDS:
        return GRIDS[(section, name)]
    return sorted({round(value * step, 4) for step in STEPS} | {value})


def fit(cases, start: dict, rounds: int) -> tuple[dict, Score]:
    """Coordinate search from `start`; returns the best table and its score on `cases`."""
    best = json.loads(json.dumps(start))
    best_score = evaluate(cases, best)
    for _ in range(rounds):
        moved = False
        for section in ("weights", "params", "position"):
            for name, value in sorted(best[section].items()):
                if (section, name) in FIXED:
                    continue
                for trial in candidates(section, name, value):
                    if trial == best[section][name]:
                        continue
                    table = json.loads(json.dumps(best))
                    table[section][name] = trial
                    s = evaluate(cases, table)
                    if objective(s) > objective(best_score):
                        best, best_score, moved = table, s, True
        if not moved:
            break
    return best, best_score


def folds(cases, k: int, seed: int = 7) -> list[list]:
    """Articles dealt into k folds, each set spread over all folds."""
    order = sorted(cases, key=lambda c: (c.set, c.name))
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="write the fitted table")
    args = parser.parse_args(argv)
    workdir = tempfile.mkdtemp(prefix="fit-")
    try:
        process, port = start_redis(workdir)
    except CannotRun as exc:
        print(f"could not run: {exc}", file=sys.stderr)
        return 1
    try:
        client = redis.Redis(port=port, decode_responses=True)
        cases, skipped = load(client)
    finally:
        stop_redis(process)
        shutil.rmtree(workdir, ignore_errors=True)
    for line in skipped:
        print(f"skipped {line}")
    start = rules.table()
    print(f"{len(cases)} articles, {sum(len(c.expected) for c in cases)} annotated claims")
    with rules.tuned(start):
        before = score(cases)
    for name, s in before.items():
        print(f"hand-set table, {name}: {s}")
    held = Score()
    figures = []
    for i, test in enumerate(folds(cases, args.folds)):
        train = [c for c in cases if c not in test]
        table, train_score = fit(train, start, args.rounds)
        s = evaluate(test, table)
        held = held.add(s)
        figures.append(f"fold {i + 1}: trained {train_score}; held out {s}")
        print(figures[-1])
    print(f"held out, all folds: {held}")
    table, fitted = fit(cases, start, args.rounds)
    with rules.tuned(table):
        per_set = score(cases)
    for name, s in per_set.items():
        print(f"fitted table, {name}: {s}")
    print(json.dumps(table, indent=2))
    if args.write:
        table["note"] = "Fitted by bench/fit_weights.py; the figures it gave are below."
        table["figures"] = {
            "cross_validation": figures,
            "held_out": str(held),
            "fitted": {name: str(s) for name, s in per_set.items()},
            "fitted_accuracy": {name: round(s.accuracy, 3) for name, s in per_set.items()},
        }
        ordered = {k: table[k] for k in ("note", "weights", "params", "position", "figures")}
        rules.WEIGHTS_FILE.write_text(json.dumps(ordered, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {rules.WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
