# W&B's step rules: commit=False accumulates, an explicit step commits the row when the step moves on,
# a lower step is dropped with a warning, and the row still pending at exit is written then.
import wandb

wandb.init()
wandb.log({"a": 1.0}, commit=False)
wandb.log({"b": 2.0}, commit=False)
wandb.log({"c": 3.0})  # step 0 holds a, b and c
wandb.log({"loss": 0.5}, step=5)
wandb.log({"acc": 0.7}, step=5)  # the same step: merged into it
wandb.log({"loss": 0.4}, step=7)  # commits step 5
wandb.log({"loss": 9.9}, step=6)  # below the current step: dropped
wandb.log({"acc": 0.8})  # joins step 7 and commits it
wandb.log({"loss": 0.3})  # step 8
wandb.log({"loss": 0.2}, step=12, commit=False)  # no finish(): written at exit
