# A script that crashes after logging: its rows (even the uncommitted one) and summary are kept.
import wandb

wandb.init(config={"epochs": 5})
for epoch in range(3):
    wandb.log({"loss": 1.0 / (epoch + 1)})
wandb.log({"loss": 0.2}, commit=False)
wandb.run.summary["phase"] = "training"
raise RuntimeError("simulated crash after logging")
