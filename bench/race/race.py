# The DA6401 race: `sweep run` (bayes + hyperband: log EI, the default, with fidelity single and multi; UCB,
# single) against Optuna 3.1's TPE +
# HyperbandPruner, all driving the same `trainer` binary on the same space (sweeps/adam.yaml) at the same
# number of workers, for the same wall time. Records every trial's end time, best val_acc and test_acc.
"""python3 race.py --build DIR [--minutes M] [--seeds 1,2,3] [--methods single,multi,single_ucb,optuna] [--out DIR]

Every trial runs with --test, so its final line carries the test accuracy of its kept (best-epoch)
network: the number `sweep best --retrain --test` gives for it, without a second run. Runs go round-robin
(seed 1 of every method, then seed 2, ...), so a cut-short race still compares like with like.
The summary is `summary.py OUT/results.json`."""

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_SPEC = os.path.join(REPO, "sweeps", "adam.yaml")


# The `bayes:` block of each sweep method (Optuna is the peer).
SWEEP_METHODS = {"single": {"fidelity": "single"},
                 "multi": {"fidelity": "multi"},
                 "single_ucb": {"fidelity": "single", "acquisition": "ucb"}}
METHODS = list(SWEEP_METHODS) + ["optuna"]


def race_spec(base, method, seed, trainer):
    """The base spec as a sweep of this race: no trial cap (the wall clock ends it), --test on every trial."""
    spec = dict(base)
    spec["name"] = f"race-{method}-{seed}"
    spec["seed"] = seed
    spec["program"] = trainer
    spec["run_cap"] = 100000
    spec["parameters"] = dict(base["parameters"], test={"value": True})
    spec["bayes"] = dict(base.get("bayes") or {}, **SWEEP_METHODS[method])
    return spec


def run_sweep(spec, workdir, sweep_binary, seconds):
    """Runs `sweep run` for `seconds` of wall time, then Ctrl-C; returns (t0, trials)."""
    spec_path = os.path.join(workdir, "spec.yaml")
    db = os.path.join(workdir, "results.db")
    with open(spec_path, "w") as f:
        yaml.safe_dump(spec, f, sort_keys=False)
    with open(os.path.join(workdir, "sweep.log"), "w") as log:
        t0 = time.time()
        process = subprocess.Popen([sweep_binary, "run", spec_path, "--db", db], stdout=log, stderr=log)
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGINT)
            process.wait()
    return t0, sweep_trials(db, spec["name"])


def sweep_trials(db, name):
    query = """SELECT t.number, t.state, t.started_at, t.ended_at,
                      (SELECT MAX(value) FROM metrics m WHERE m.trial_id = t.id AND m.name = 'val_acc'),
                      (SELECT value FROM metrics m WHERE m.trial_id = t.id AND m.name = 'test_acc'
                       ORDER BY step DESC LIMIT 1),
                      (SELECT MAX(step) FROM metrics m WHERE m.trial_id = t.id AND m.name = 'val_acc'),
                      t.params
               FROM trials t JOIN sweeps s ON s.id = t.sweep_id WHERE s.name = ? ORDER BY t.id"""
    with sqlite3.connect(db) as connection:
        rows = connection.execute(query, (name,)).fetchall()
    return [{"number": n, "state": state, "started": start,
             "ended": end, "val_acc": val, "test_acc": test, "epochs_run": epochs, "params": json.loads(params)}
            for n, state, start, end, val, test, epochs, params in rows]


def optuna_space(parameters):
    """The W&B parameters of the base spec as Optuna suggestions (the kinds sweeps/adam.yaml uses):
    returns ({name: suggest(trial)}, constants)."""
    suggestions, constants = {}, {}
    for name, p in parameters.items():
        if "value" in p:
            constants[name] = p["value"]
        elif "values" in p:
            suggestions[name] = lambda t, n=name, v=p["values"]: t.suggest_categorical(n, v)
        elif p.get("distribution") == "log_uniform_values":
            suggestions[name] = lambda t, n=name, p=p: t.suggest_float(n, p["min"], p["max"], log=True)
        elif isinstance(p.get("min"), int) and isinstance(p.get("max"), int):
            suggestions[name] = lambda t, n=name, p=p: t.suggest_int(n, p["min"], p["max"])
        elif "min" in p and "max" in p:
            suggestions[name] = lambda t, n=name, p=p: t.suggest_float(n, p["min"], p["max"])
        else:
            raise SystemExit(f"race: parameter {name}: this race translates value, values, int and float "
                             f"ranges and log_uniform_values only")
    return suggestions, constants


def trainer_argv(trainer, config):
    """As sweep's ${args} writes them: --name=value, booleans as a bare switch."""
    argv = [trainer]
    for name in sorted(config):
        value = config[name]
        if value is True:
            argv.append(f"--{name}")
        elif value is not False:
            argv.append(f"--{name}={value}")
    return argv


def run_optuna(base, seed, trainer, workers, seconds, workdir):
    """TPE + HyperbandPruner with Optuna's defaults and the spec's hyperband settings; `workers` threads
    each run one trainer process and report val_acc after every epoch."""
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    suggestions, constants = optuna_space(base["parameters"])
    constants["test"] = True
    hyperband = base.get("early_terminate") or {}
    max_epochs = max(base["parameters"]["epochs"].get("values") or [base["parameters"]["epochs"].get("value")])
    study = optuna.create_study(
        direction="maximize", sampler=optuna.samplers.TPESampler(seed=seed),
        pruner=optuna.pruners.HyperbandPruner(min_resource=hyperband.get("min_iter", 3), max_resource=max_epochs,
                                              reduction_factor=hyperband.get("eta", 3)))
    environment = dict(os.environ, OMP_NUM_THREADS=str(base.get("threads_per_trial", 1)))
    records, lock = [], threading.Lock()
    t0 = time.time()
    deadline = t0 + seconds

    def objective(trial):
        config = dict(constants)
        config.update({name: suggest(trial) for name, suggest in suggestions.items()})
        started = time.time()
        process = subprocess.Popen(trainer_argv(trainer, config), stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True, env=environment)
        timer = threading.Timer(max(0.0, deadline - started), process.kill)
        timer.start()
        best, test, epochs, state = None, None, 0, "failed"
        try:
            for line in process.stdout:
                record = json.loads(line)
                epochs = record.get("epoch", epochs)
                if "val_acc" in record:
                    best = record["val_acc"] if best is None else max(best, record["val_acc"])
                    trial.report(record["val_acc"], epochs)
                test = record.get("test_acc", test)
                if trial.should_prune():
                    state = "early_terminated"
                    process.kill()
                    break
            code = process.wait()
            if state != "early_terminated":
                state = "finished" if code == 0 else ("killed" if time.time() >= deadline else "failed")
        finally:
            timer.cancel()
            with lock:
                records.append({"number": trial.number + 1, "state": state, "started": started,
                                "ended": time.time(), "val_acc": best, "test_acc": test, "epochs_run": epochs,
                                "params": config})
        if state == "early_terminated" or state == "killed":  # killed: the race is over, nothing to learn
            raise optuna.TrialPruned()
        if state != "finished":
            raise RuntimeError(f"trainer ended {state}")
        return best

    study.optimize(objective, n_jobs=workers, timeout=seconds, catch=(RuntimeError,))
    with open(os.path.join(workdir, "optuna-trials.json"), "w") as f:
        json.dump(records, f)
    return t0, sorted(records, key=lambda r: r["started"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(REPO, "build"))
    parser.add_argument("--spec", default=DEFAULT_SPEC)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--methods", default="single,multi,optuna")
    parser.add_argument("--out", default="race-out")
    args = parser.parse_args()
    methods = args.methods.split(",")
    unknown = sorted(set(methods) - set(METHODS))
    if unknown:
        parser.error(f"--methods: unknown {', '.join(unknown)} (allowed: {', '.join(METHODS)})")
    with open(args.spec) as f:
        base = yaml.safe_load(f)
    # A rebuild during the race must not change what runs in it.
    bin_dir = os.path.join(args.out, "bin")
    os.makedirs(bin_dir, exist_ok=True)
    for name in ("sweep", "trainer"):
        shutil.copy2(os.path.join(args.build, "bin", name), bin_dir)
    sweep_binary, trainer = (os.path.abspath(os.path.join(bin_dir, n)) for n in ("sweep", "trainer"))
    results_path = os.path.join(args.out, "results.json")
    results = json.load(open(results_path)) if os.path.exists(results_path) else {"runs": []}
    done = {(r["method"], r["seed"]) for r in results["runs"]}
    seconds = args.minutes * 60
    for seed in (int(s) for s in args.seeds.split(",")):
        for method in methods:
            if (method, seed) in done:
                continue
            workdir = os.path.join(args.out, f"{method}-{seed}")
            shutil.rmtree(workdir, ignore_errors=True)
            os.makedirs(workdir)
            print(f"race: {method} seed {seed}, {args.minutes:g} min, load {os.getloadavg()[0]:.2f}",
                  file=sys.stderr, flush=True)
            if method == "optuna":
                t0, trials = run_optuna(base, seed, trainer, base.get("workers", 2), seconds, workdir)
            else:
                t0, trials = run_sweep(race_spec(base, method, seed, trainer), workdir, sweep_binary, seconds)
            results["runs"].append({"method": method, "seed": seed, "seconds": seconds, "t0": t0,
                                    "workers": base.get("workers", 2), "trials": trials,
                                    "load_after": os.getloadavg()[0]})
            with open(results_path + ".tmp", "w") as f:
                json.dump(results, f)
            os.replace(results_path + ".tmp", results_path)  # a crash keeps every finished run
            subprocess.run([sys.executable, os.path.join(HERE, "summary.py"), results_path], check=False)


if __name__ == "__main__":
    main()
