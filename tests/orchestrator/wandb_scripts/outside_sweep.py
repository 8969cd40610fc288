# Run directly (not under sweep): the stand-in says once that it is not the real wandb, then works.
import wandb
import wandb.plot  # noqa: F401 - a second import must not repeat the note

run = wandb.init(config={"lr": 0.3})
assert wandb.config.lr == 0.3
wandb.log({"loss": 1.0})
wandb.log({"loss": 0.5})
print("done", wandb.SWEEP_STANDIN, run.name.startswith("offline-"))
