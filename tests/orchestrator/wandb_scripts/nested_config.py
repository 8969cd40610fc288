# W&B style: a nested parameter block, read both from argparse (a JSON string, as W&B's agent passes
# it) and from wandb.config, whose defaults fill in the keys the sweep's block lacks.
import argparse
import json

import wandb

parser = argparse.ArgumentParser()
parser.add_argument("--optimizer", type=json.loads, default={})
parser.add_argument("--epochs", type=int, default=1)
args = parser.parse_args()
assert args.optimizer["name"] == "adam", args.optimizer

wandb.init(config={"optimizer": {"name": "sgd", "lr": 0.1, "momentum": 0.9}, "epochs": 5})
optimizer = wandb.config.optimizer
assert optimizer.name == "adam" and optimizer["lr"] == args.optimizer["lr"], optimizer
assert optimizer.momentum == 0.9 and wandb.config.epochs == 2, wandb.config
for step in range(wandb.config.epochs):
    wandb.log({"lr": optimizer.lr, "momentum": optimizer["momentum"], "val": {"loss": 1.0 / (step + 1)}})
