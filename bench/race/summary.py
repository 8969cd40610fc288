# Summarises a DA6401 race (race.py's results.json): best val_acc against wall time for each method and seed.
"""python3 summary.py RESULTS_JSON [--thresholds 0.89,0.895,0.9] [--at 5,10,20]

The best at time t is the highest val_acc among the trials that ran their full length (finished, not
stopped by hyperband or the pruner) and ended by t; its test_acc is that trial's (kept network's)."""

import argparse
import json
import math
import statistics

METHOD_NAMES = {"single": "sweep bayes (log EI, the default) + hyperband, fidelity single",
                "multi": "sweep bayes (log EI) + hyperband, fidelity multi",
                "single_ucb": "sweep bayes (UCB) + hyperband, fidelity single",
                "optuna": "Optuna 3.1 TPE + HyperbandPruner"}


def best_by(run, seconds):
    """(val_acc, test_acc, trial number) of the best full-length trial ended by t0 + seconds, or None."""
    end = run["t0"] + seconds
    done = [t for t in run["trials"] if t["state"] == "finished" and t["val_acc"] is not None and t["ended"] <= end]
    if not done:
        return None
    best = max(done, key=lambda t: (t["val_acc"], -t["ended"]))
    return best["val_acc"], best["test_acc"], best["number"]


def time_to(run, threshold):
    """Minutes from the start until a full-length trial reached val_acc >= threshold, or None."""
    ends = [t["ended"] for t in run["trials"]
            if t["state"] == "finished" and (t["val_acc"] or 0) >= threshold and t["ended"] <= run["t0"] + run["seconds"]]
    return (min(ends) - run["t0"]) / 60 if ends else None


def counts(run):
    ended = [t for t in run["trials"] if t["ended"] is not None and t["ended"] <= run["t0"] + run["seconds"]]
    return len(ended), sum(t["state"] == "finished" for t in ended), sum(t["state"] == "early_terminated" for t in ended)


def cell_best(value):
    return "–" if value is None else f"{value[0]:.4f} (test {value[1]:.4f})" if value[1] is not None else f"{value[0]:.4f}"


def cell_minutes(value, limit):
    return f"> {limit:g}" if value is None else f"{value:.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results")
    parser.add_argument("--thresholds", default="0.89,0.895,0.9")
    parser.add_argument("--at", default="5,10,20")
    args = parser.parse_args()
    runs = json.load(open(args.results))["runs"]
    thresholds = [float(x) for x in args.thresholds.split(",")]
    longest = max(r["seconds"] for r in runs) / 60
    at = [float(x) for x in args.at.split(",") if float(x) <= longest + 1e-9]
    header = (["method", "seed", "trials (full, stopped)"] + [f"best @{m:g} min" for m in at] +
              [f"min to {x:g}" for x in thresholds])
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    methods = [m for m in METHOD_NAMES if any(r["method"] == m for r in runs)]
    for method in methods:
        mine = sorted((r for r in runs if r["method"] == method), key=lambda r: r["seed"])
        for run in mine:
            limit = run["seconds"] / 60
            row = [METHOD_NAMES[method], str(run["seed"]), "%d (%d, %d)" % counts(run)]
            row += [cell_best(best_by(run, m * 60)) if m <= limit + 1e-9 else "–" for m in at]
            row += [cell_minutes(time_to(run, x), limit) for x in thresholds]
            print("| " + " | ".join(row) + " |")
        bests = [[b[0] for r in mine if r["seconds"] >= m * 60 - 1e-6 and (b := best_by(r, m * 60))] for m in at]
        tests = [[b[1] for r in mine if r["seconds"] >= m * 60 - 1e-6 and (b := best_by(r, m * 60)) and b[1]]
                 for m in at]
        row = [f"**{METHOD_NAMES[method]}**", f"median of {len(mine)}", ""]
        row += [f"{statistics.median(b):.4f} (test {statistics.median(t):.4f})" if b and t else "–"
                for b, t in zip(bests, tests)]
        for x in thresholds:
            times = [time_to(r, x) for r in mine]
            limit = min(r["seconds"] for r in mine) / 60
            # a run that never reached x counts as slower than any that did
            middle = statistics.median(math.inf if v is None else v for v in times)
            row.append(cell_minutes(None if math.isinf(middle) else middle, limit))
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
