# A DA6401-style training script as students write it: argparse defaults, the sweep config as a dict,
# wandb.sweep + wandb.agent in the script, wandb.init(config=...) and wandb.run.name inside train().
"""Trains nothing: logs the synthetic objective per epoch; `activation: crash` raises, as a bug would."""

import argparse
import os
import sys
import time

import wandb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from objective import val_accuracy  # noqa: E402

SWEEP_CONFIGS = {
    "grid": {
        "method": "grid",
        "metric": {"name": "val_accuracy", "goal": "maximize"},
        "parameters": {
            "learning_rate": {"values": [1e-3, 1e-2]},
            "activation": {"values": ["ReLU", "tanh", "crash"]},
            "num_layers": {"value": 2},
        },
    },
    "random": {
        "method": "random",
        "metric": {"name": "val_accuracy", "goal": "maximize"},
        "run_cap": 12,
        "seed": 7,
        "parameters": {
            "learning_rate": {"distribution": "log_uniform_values", "min": 1e-4, "max": 1e-1},
            "batch_size": {"values": [16, 32, 64]},
            "num_layers": {"min": 1, "max": 4},
        },
    },
    "bayes": {
        "name": "da6401-bayes",
        "method": "bayes",
        "metric": {"name": "val_accuracy", "goal": "maximize"},
        "run_cap": 10,
        "seed": 11,
        "workers": 1,
        "early_terminate": {"type": "hyperband", "min_iter": 2, "eta": 2},
        "parameters": {
            "learning_rate": {"distribution": "log_uniform_values", "min": 1e-5, "max": 1.0},
            "activation": {"values": ["ReLU", "sigmoid"]},
            "num_layers": {"values": [1, 2, 3]},
        },
    },
}


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("-wp", "--wandb_project", default="da6401-a1")
    parser.add_argument("-e", "--epochs", type=int, default=4)
    parser.add_argument("-lr", "--learning_rate", type=float, default=0.1)
    parser.add_argument("-b", "--batch_size", type=int, default=32)
    parser.add_argument("-nhl", "--num_layers", type=int, default=1)
    parser.add_argument("-a", "--activation", default="sigmoid")
    parser.add_argument("--method", choices=sorted(SWEEP_CONFIGS), default="grid")
    parser.add_argument("--count", type=int, default=None)
    parser.add_argument("--agents", type=int, default=1, help="wandb.agent calls, each with --count")
    parser.add_argument("--epoch-seconds", type=float, default=0.0, help="sleep per epoch, for timing tests")
    return parser.parse_args()


ARGS = parse_args()


def train():
    with wandb.init(project=ARGS.wandb_project, config=vars(ARGS)) as run:
        config = wandb.config
        run.name = "lr_%g_%s_nhl_%d" % (config.learning_rate, config.activation, config.num_layers)
        run.summary["run_name"] = run.name
        if config.activation == "crash":
            raise RuntimeError("this activation is a bug in the training code")
        for epoch in range(1, config.epochs + 1):
            time.sleep(ARGS.epoch_seconds)
            wandb.log({"epoch": epoch, "val_accuracy": val_accuracy(dict(config), epoch)})


if __name__ == "__main__":
    sweep_id = wandb.sweep(SWEEP_CONFIGS[ARGS.method], project=ARGS.wandb_project)
    for _ in range(ARGS.agents):
        wandb.agent(sweep_id, function=train, count=ARGS.count)
    print("agent done: " + sweep_id)
