# W&B style: argparse flags (the sweep passes --name=value) handed to wandb.init(config=args).
import argparse

import wandb

parser = argparse.ArgumentParser()
parser.add_argument("--lr", type=float, default=0.5)
parser.add_argument("--layers", type=int, default=1)
parser.add_argument("--activation", default="relu")
parser.add_argument("--augment", type=lambda text: text == "True", default=False)
args = parser.parse_args()

wandb.init(project="tests", config=args)
assert wandb.config.lr == args.lr and wandb.config["layers"] == args.layers, wandb.config
assert wandb.config.augment is True and args.augment is True
wandb.log({"score": args.lr * args.layers, "layers_seen": wandb.config.layers})
wandb.summary["activation"] = wandb.config.activation
