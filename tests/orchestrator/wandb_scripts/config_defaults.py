# W&B style: defaults given to wandb.init(config=...); the sweep's values win, other keys keep the defaults.
import wandb

defaults = {"lr": 0.5, "epochs": 3, "label": "from-defaults"}
run = wandb.init(project="tests", config=defaults)
config = wandb.config
assert config.label == "from-defaults" and config["epochs"] == 3, config
assert config.lr in (0.1, 0.2), config.lr  # the sweep's value, not the default 0.5
for epoch in range(config.epochs):
    wandb.log({"epoch": epoch, "val_acc": 1.0 - config.lr / (epoch + 1)})
run.summary["best_val_acc"] = 1.0 - config.lr / config.epochs
wandb.summary.update({"label": config.label})
wandb.finish()
