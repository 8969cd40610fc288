# A trial the coordinator stops (here by its timeout) gets SIGTERM: the stand-in writes the pending row first.
import time

import wandb

wandb.init()
wandb.log({"loss": 1.0})
wandb.log({"loss": 0.5}, commit=False)
time.sleep(60)
