# Times an in-script sweep (wandb.sweep + wandb.agent in the script) against `sweep run` of the same
# sweep written as YAML with a classic W&B program: the per-trial cost of re-running the script.
"""python3 overhead.py [--build DIR] [--trials N] [--workers W] [--repeats R]; prints ms per trial."""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PARAMETERS = "{'x': {'values': list(range(%d))}}"
CLASSIC = """import wandb
run = wandb.init(config={"x": -1})
wandb.log({"score": wandb.config.x * 0.5})
"""
IN_SCRIPT = """import wandb

def train():
    wandb.init(config={"x": -1})
    wandb.log({"score": wandb.config.x * 0.5})

config = {"method": "grid", "workers": %(workers)d, "metric": {"name": "score", "goal": "maximize"},
          "parameters": %(parameters)s}
wandb.agent(wandb.sweep(config, project="overhead"), function=train)
"""
SWEEP_ONLY = """import wandb
config = {"method": "grid", "metric": {"name": "score", "goal": "maximize"}, "parameters": %(parameters)s}
wandb.sweep(config, project="overhead")
"""
YAML = """name: classic
program: classic.py
method: grid
workers: %(workers)d
metric: {name: score, goal: maximize}
parameters:
  x: {values: [%(values)s]}
"""


def timed(argv, cwd, env):
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", default=os.path.join(os.path.dirname(__file__), "..", "..", "build"))
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    sweep = os.path.join(build, "bin", "sweep")
    env = dict(os.environ, PYTHONPATH=os.path.join(build, "python"))
    values = {"workers": args.workers, "parameters": PARAMETERS % args.trials,
              "values": ", ".join(str(x) for x in range(args.trials))}
    results = {"sweep run (YAML, classic W&B script)": [], "in-script wandb.sweep + wandb.agent": []}
    once = []  # the in-script sweep's fixed cost: the script's own start, wandb.sweep() writing and validating
    for _ in range(args.repeats):
        work = tempfile.mkdtemp(prefix="wandb-agent-bench-")
        try:
            with open(os.path.join(work, "classic.py"), "w") as handle:
                handle.write(CLASSIC)
            with open(os.path.join(work, "classic.yaml"), "w") as handle:
                handle.write(YAML % values)
            with open(os.path.join(work, "in_script.py"), "w") as handle:
                handle.write(IN_SCRIPT % values)
            results["sweep run (YAML, classic W&B script)"].append(
                timed([sweep, "run", "classic.yaml"], work, env))
            results["in-script wandb.sweep + wandb.agent"].append(
                timed([sys.executable, "in_script.py"], work, env))
            with open(os.path.join(work, "sweep_only.py"), "w") as handle:
                handle.write(SWEEP_ONLY % values)
            once.append(timed([sys.executable, "sweep_only.py"], work, env))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print("%d trials, %d workers, %d repeats (median; min-max), load %s" % (
        args.trials, args.workers, args.repeats, " ".join("%.2f" % x for x in os.getloadavg())))
    medians = {}
    for label, seconds in results.items():
        per_trial = [1000 * s / args.trials for s in seconds]
        medians[label] = statistics.median(per_trial)
        print("  %-40s %7.1f ms per trial (%.1f-%.1f)" % (label, medians[label], min(per_trial), max(per_trial)))
    classic, in_script = medians.values()
    print("  in-script overhead: %+.1f ms per trial" % (in_script - classic))
    print("  once per script: python start + wandb.sweep() (spec written, `sweep validate`): %.1f ms (median)"
          % (1000 * statistics.median(once)))


if __name__ == "__main__":
    main()
