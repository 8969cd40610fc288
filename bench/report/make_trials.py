#!/usr/bin/env python3
"""A synthetic DA6401-style sweep for the report benchmark: N trials, their val_acc by epoch, as JSON.

Both `sweep report` (through report_bench make-db) and the Optuna peer read the same file, so the two
tools plot the same numbers. val_acc comes from a known function of the parameters: the learning rate
dominates, hidden_size comes second, weight_decay is small and the other three do next to nothing;
seeded noise is added per epoch and about 30% of the trials are cut short, as hyperband would.
Usage: make_trials.py N OUT.json [--seed S]
"""
import argparse
import json
import math
import random

EPOCHS = 15
EARLY_FRACTION = 0.3
CUT_EPOCHS = (3, 9)  # hyperband rungs with min_iter 3, eta 3

# The space, in both tools' terms (the spec below and the Optuna distributions in optuna_report.py).
SPEC = """\
# Synthetic DA6401-style sweep written by bench/report/make_trials.py (no trainer was run).
name: report-bench
program: train.py
method: random
metric:
  name: val_acc
  goal: maximize
parameters:
  learning_rate:
    distribution: log_uniform_values
    min: 0.0001
    max: 0.1
  num_layers:
    min: 1
    max: 5
  hidden_size:
    values: [32, 64, 128]
  activation:
    values: [relu, tanh, sigmoid]
  batch_size:
    values: [16, 32, 64]
  weight_decay:
    distribution: log_uniform_values
    min: 0.000001
    max: 0.01
"""


def log_uniform(rng, low, high):
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def sample_params(rng):
    return {
        "learning_rate": log_uniform(rng, 1e-4, 1e-1),
        "num_layers": rng.randint(1, 5),
        "hidden_size": rng.choice([32, 64, 128]),
        "activation": rng.choice(["relu", "tanh", "sigmoid"]),
        "batch_size": rng.choice([16, 32, 64]),
        "weight_decay": log_uniform(rng, 1e-6, 1e-2),
    }


# The accuracy a configuration converges to is 0.89 minus one penalty per parameter (no interactions),
# so each parameter's true importance is its penalty's share of the variance (true_importance below).
PENALTIES = {
    # 0 at 3e-3, 0.12 at the range's ends (1e-4 and 1e-1)
    "learning_rate": lambda lr: 0.12 * ((math.log10(lr) + 2.5) / 1.5) ** 2,
    "hidden_size": lambda size: {32: 0.04, 64: 0.015, 128: 0.0}[size],
    "weight_decay": lambda wd: 0.008 * (math.log10(wd) + 6) / 4,
    "num_layers": lambda layers: 0.001 * (layers - 3) ** 2 / 4,
    "activation": lambda name: {"relu": 0.0, "tanh": 0.001, "sigmoid": 0.002}[name],
    "batch_size": lambda size: {16: 0.0005, 32: 0.0, 64: 0.0005}[size],
}


def plateau(params):
    """The accuracy a configuration converges to: the known truth the importances should recover."""
    return 0.89 - sum(penalty(params[name]) for name, penalty in PENALTIES.items())


def true_importance(samples=200_000, seed=1):
    """Each parameter's share of the plateau's variance over the sampled space, largest first."""
    rng = random.Random(seed)
    draws = [sample_params(rng) for _ in range(samples)]
    variances = {}
    for name, penalty in PENALTIES.items():
        values = [penalty(params[name]) for params in draws]
        mean = sum(values) / samples
        variances[name] = sum((v - mean) ** 2 for v in values) / samples
    total = sum(variances.values())
    return sorted(((name, v / total) for name, v in variances.items()), key=lambda item: -item[1])


def curve(rng, params, epochs):
    top = plateau(params)
    return [top - (top - 0.45) * math.exp(-epoch / 2.5) + rng.gauss(0, 0.004) for epoch in range(1, epochs + 1)]


def make_trials(n, seed):
    rng = random.Random(seed)
    trials = []
    for number in range(1, n + 1):
        params = sample_params(rng)
        early = rng.random() < EARLY_FRACTION
        epochs = rng.choice(CUT_EPOCHS) if early else EPOCHS
        trials.append({
            "number": number,
            "params": params,
            "state": "early_terminated" if early else "finished",
            "val_acc": curve(rng, params, epochs),  # val_acc[i] is epoch i + 1
        })
    return trials


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=6401)
    args = parser.parse_args()
    with open(args.out, "w") as out:
        json.dump({"spec": SPEC, "epochs": EPOCHS, "seed": args.seed, "trials": make_trials(args.n, args.seed)}, out)


if __name__ == "__main__":
    main()
