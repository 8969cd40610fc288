# Rich media and the calls a W&B script makes around training: none may crash; media becomes summary notes.
import wandb

run = wandb.init(project="tests", tags=["media"])
table = wandb.Table(columns=["id", "label"], data=[[1, "cat"], [2, "dog"]])
table.add_data(3, "bird")
wandb.log({
    "predictions": table,
    "sample": wandb.Image("sample.png", caption="first"),
    "weights": wandb.Histogram([0.1, 0.2, 0.2, 0.9], num_bins=4),
    "confusion": wandb.plot.confusion_matrix(y_true=[0, 1, 1], preds=[0, 1, 0], class_names=["a", "b"]),
    "loss": 0.25,
})
wandb.watch(None)
wandb.save("*.pt")
wandb.define_metric("loss", summary="min")
wandb.alert(title="done", text="media logged")
wandb.not_a_real_function(1, 2)  # unknown to the stand-in: does nothing, said once on stderr
run.log_artifact(wandb.Artifact("model", type="model"))
wandb.finish()
