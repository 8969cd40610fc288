# An in-script sweep whose train() drives the real `trainer` binary through subprocess, as a script
# wrapping a compiled trainer would: its JSON lines become wandb.log rows. The trainer is argv[1].
"""Two-trial grid over the optimizer, one epoch on 2,000 Fashion-MNIST images."""

import json
import subprocess
import sys

import wandb

TRAINER = sys.argv[1]
SWEEP_CONFIG = {
    "method": "grid",
    "metric": {"name": "val_acc", "goal": "maximize"},
    "parameters": {
        "optimizer": {"values": ["adam", "nadam"]},
        "learning_rate": {"value": 0.002},
        "epochs": {"value": 1},
    },
}


def train():
    run = wandb.init(config={"batch_size": 32, "hidden_size": 32})
    config = wandb.config
    run.name = "%s-%g" % (config.optimizer, config.learning_rate)
    argv = [TRAINER, "-o", config.optimizer, "-lr", str(config.learning_rate), "-e", str(config.epochs),
            "-b", str(config.batch_size), "-sz", str(config.hidden_size), "-nhl", "1", "-a", "ReLU",
            "-w_i", "Xavier", "--max-train", "2000", "--threads", "1"]
    trainer = subprocess.run(argv, stdout=subprocess.PIPE, text=True, check=True)
    for line in trainer.stdout.splitlines():
        record = json.loads(line)
        wandb.log({key: value for key, value in record.items() if key != "epoch_seconds"}, step=record["epoch"])
    wandb.finish()


if __name__ == "__main__":
    wandb.agent(wandb.sweep(SWEEP_CONFIG, project="trainer-e2e"), function=train)
