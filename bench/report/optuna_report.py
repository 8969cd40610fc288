#!/usr/bin/env python3
"""`sweep report` beside Optuna's plotly visualisations, on the same synthetic sweep, in one run.

Times (best of --repeats, wall clock on this machine):
- sweep: `sweep report` end to end (process start to file written), and its stages in-process
  (report_bench parts: the model gathered from results.db, each chart's SVG, the GP importance fit);
- Optuna: plot_optimization_history, plot_intermediate_values, plot_parallel_coordinate and
  plot_param_importances (default fANOVA evaluator), each written by fig.write_html(include_plotlyjs=True)
  to its own self-contained file; building the in-memory study is reported apart.
Then the output sizes and both tools' parameter-importance rankings.
Usage: optuna_report.py --trials T.json --db results.db --sweep build/bin/sweep --report-bench build/bin/report_bench
       --out DIR [--repeats 3]
Needs only Debian packages (python3-optuna python3-plotly python3-sklearn: scripts/install-deps.sh --bench-peers).
"""
import argparse
import json
import os
import subprocess
import sys
import time

import make_trials  # this directory: the sweep's known truth


def best_of(repeats, work):
    """The best wall time of `repeats` calls, in seconds, and the last call's result."""
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def time_sweep(args):
    report = os.path.join(args.out, "sweep-report.html")
    command = [args.sweep, "--db", args.db, "report", "-o", report]
    seconds, _ = best_of(args.repeats, lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL))
    parts = json.loads(subprocess.run([args.report_bench, "parts", args.db, str(args.repeats)], check=True,
                                      capture_output=True, text=True).stdout)
    return {"end_to_end": seconds, "parts": parts["seconds"], "importance": parts["importance"],
            "importance_trials": parts["importance_trials"], "finished_trials": parts["finished_trials"],
            "bytes": os.path.getsize(report), "file": report}


def build_study(optuna, sweep):
    """An in-memory study holding the same trials: params, val_acc by epoch, best value, state."""
    from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
    from optuna.trial import TrialState, create_trial
    distributions = {
        "learning_rate": FloatDistribution(1e-4, 1e-1, log=True),
        "num_layers": IntDistribution(1, 5),
        "hidden_size": CategoricalDistribution([32, 64, 128]),
        "activation": CategoricalDistribution(["relu", "tanh", "sigmoid"]),
        "batch_size": CategoricalDistribution([16, 32, 64]),
        "weight_decay": FloatDistribution(1e-6, 1e-2, log=True),
    }
    study = optuna.create_study(study_name="report-bench", direction="maximize")
    trials = []
    for trial in sweep["trials"]:
        curve = trial["val_acc"]
        state = TrialState.COMPLETE if trial["state"] == "finished" else TrialState.PRUNED
        # The value `sweep` ranks a trial by: its best epoch (the sweep's goal is maximize).
        trials.append(create_trial(params=trial["params"], distributions=distributions, value=max(curve),
                                   intermediate_values={epoch + 1: v for epoch, v in enumerate(curve)}, state=state))
    study.add_trials(trials)
    return study


def time_optuna(args, sweep):
    start = time.perf_counter()
    import optuna
    import optuna.visualization as vis
    import plotly  # noqa: F401 (timed with the import)
    import_seconds = time.perf_counter() - start
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study_seconds, study = best_of(args.repeats, lambda: build_study(optuna, sweep))

    figures = {}
    for key, plot in [("history", vis.plot_optimization_history), ("curves", vis.plot_intermediate_values),
                      ("parallel", vis.plot_parallel_coordinate), ("importance", vis.plot_param_importances)]:
        path = os.path.join(args.out, f"optuna-{key}.html")
        plot_seconds, write_seconds, total = float("inf"), float("inf"), float("inf")
        for _ in range(args.repeats):
            start = time.perf_counter()
            figure = plot(study)
            built = time.perf_counter()
            figure.write_html(path, include_plotlyjs=True)
            done = time.perf_counter()
            plot_seconds, write_seconds = min(plot_seconds, built - start), min(write_seconds, done - built)
            total = min(total, done - start)
        figures[key] = {"total": total, "plot": plot_seconds, "write": write_seconds,
                        "bytes": os.path.getsize(path), "figure": figure}
    # The importance the last timed figure shows (plotly's horizontal bars: x values, y names, smallest first).
    bars = figures["importance"]["figure"].data[0]
    importance = sorted(zip(bars.y, bars.x), key=lambda bar: -bar[1])
    from plotly.offline import get_plotlyjs
    return {"version": optuna.__version__, "plotly": plotly.__version__, "import": import_seconds,
            "plotlyjs_bytes": len(get_plotlyjs().encode()),
            "study": study_seconds, "figures": figures, "importance": importance}


def ms(seconds):
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.2f} s"


def size(n):
    return f"{n / 1024:,.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.2f} MiB"


def top(importance, k=3):
    return ", ".join(f"{name} {value:.3f}" for name, value in list(importance)[:k])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--sweep", required=True)
    parser.add_argument("--report-bench", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with open(args.trials) as f:
        sweep = json.load(f)
    n = len(sweep["trials"])
    early = sum(t["state"] == "early_terminated" for t in sweep["trials"])

    ours = time_sweep(args)
    try:
        peer = time_optuna(args, sweep)
    except ImportError as error:
        peer = None
        missing = error.name
    parts = ours["parts"]
    stage = {"history": parts["history"], "curves": parts["curves"], "parallel": parts["parallel"],
             "importance": parts["importance_fit"] + parts["importance_chart"]}
    names = {"history": "optimization history", "curves": "learning curves (intermediate values)",
             "parallel": "parallel coordinates", "importance": "parameter importance (fit + chart)"}

    print(f"\n== report benchmark: {n} trials ({early} early-terminated), {sweep['epochs']} epochs, "
          f"seed {sweep['seed']}, best of {args.repeats} ==")
    if peer:
        print(f"Optuna {peer['version']}, plotly {peer['plotly']}: plot_* builds the figure, +write_html also writes "
              "it with plotly.js inline (include_plotlyjs=True); ratios are Optuna's time over sweep's")
    print(f"{'figure':38} {'sweep':>10}" +
          (f" {'plot_*':>10} {'ratio':>6} {'+write_html':>11} {'ratio':>6}" if peer else ""))

    def row(name, ours_seconds, plot_seconds=None, total_seconds=None):
        line = f"{name:38} {ms(ours_seconds):>10}"
        if plot_seconds is not None:
            line += f" {ms(plot_seconds):>10} {plot_seconds / ours_seconds:>5.0f}x"
        if total_seconds is not None:
            line += f" {ms(total_seconds):>11} {total_seconds / ours_seconds:>5.0f}x"
        print(line)

    for key, name in names.items():
        fig = peer["figures"][key] if peer else {}
        row(name, stage[key], fig.get("plot"), fig.get("total"))
    figures_sum = sum(stage.values())
    if peer:
        row("the four figures", figures_sum, sum(f["plot"] for f in peer["figures"].values()),
            sum(f["total"] for f in peer["figures"].values()))
        peer_sum = sum(f["total"] for f in peer["figures"].values())
        print(f"sweep report end to end: {ms(ours['end_to_end'])}; Optuna's four figures written take "
              f"{peer_sum / ours['end_to_end']:.1f}x that")
    else:
        row("the four figures", figures_sum)
        print(f"sweep report end to end: {ms(ours['end_to_end'])}")
    print(f"sweep stages: model from results.db (incl. importance) {ms(parts['model'])}, "
          f"GP importance fit {ms(parts['importance_fit'])}, whole page {ms(parts['page'])}")
    if peer:
        print(f"optuna apart: import optuna+plotly {ms(peer['import'])}, build the in-memory study {ms(peer['study'])}")
        peer_bytes = sum(f["bytes"] for f in peer["figures"].values())
        print(f"output: sweep one file {size(ours['bytes'])} (every section and the trials table); "
              f"optuna four files {size(peer_bytes)} (" +
              ", ".join(f"{k} {size(f['bytes'])}" for k, f in peer["figures"].items()) +
              f"); each holds plotly.js, {size(peer['plotlyjs_bytes'])}")
    else:
        print(f"output: sweep one file {size(ours['bytes'])}")
    # The GP models at most 400 of them, a seeded sample (report/parameter_importance.h).
    modelled = min(ours["importance_trials"], 400)
    print(f"importance, sweep  (GP fANOVA main effects, {ours['importance_trials']} finished trials, "
          f"GP on {modelled}): {top(ours['importance'])}")
    if peer:
        n_complete = sum(t["state"] == "finished" for t in sweep["trials"])
        print(f"importance, optuna (fANOVA random forest, unseeded, {n_complete} complete trials, sums to 1): "
              f"{top(peer['importance'])}")
    else:
        print(f"Optuna not found (no module '{missing}'): install the peers with "
              "`scripts/install-deps.sh --bench-peers` (Debian's python3-optuna, python3-plotly, python3-sklearn).")
    truth = make_trials.true_importance()
    print(f"importance, truth  (variance shares of the noise-free plateau): {top(truth)}")
    ranked = [("sweep", ours["importance"])] + ([("optuna", peer["importance"])] if peer else [])
    print("top-3 order as the truth's: " + ", ".join(
        f"{tool} {'yes' if [p for p, _ in bars[:3]] == [p for p, _ in truth[:3]] else 'NO'}" for tool, bars in ranked))
    result = {"n": n, "truth_importance": truth, "sweep": {k: v for k, v in ours.items()}}
    if peer:
        result["optuna"] = {k: v for k, v in peer.items() if k != "figures"}
        result["optuna"]["figures"] = {k: {m: x for m, x in f.items() if m != "figure"} for k, f in peer["figures"].items()}
    with open(os.path.join(args.out, "result.json"), "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
