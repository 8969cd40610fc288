# The one end-to-end path with real training: an in-script sweep whose train() runs the built `trainer`
# through subprocess on Fashion-MNIST and logs its epochs. Skipped when the data set is not installed.
"""wandb.agent over the real trainer: its JSON lines become the trial's metrics."""

import os
import unittest

import harness

DATA = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"


@unittest.skipUnless(os.path.exists(DATA), "Fashion-MNIST is not installed (scripts/install-deps.sh installs it)")
class RealTrainer(harness.ScratchTest):
    def test_two_optimizers_train_and_their_accuracy_is_stored(self):
        self.assertTrue(os.path.exists(harness.TRAINER), harness.TRAINER)
        code, _, err = self.run_python(harness.script("trainer_sweep.py"), harness.TRAINER)
        self.assertEqual(code, 0, err)
        [name] = self.sweep_names()
        trials = self.trials(name)
        self.assertEqual(sorted(t["params"]["optimizer"] for t in trials), ["adam", "nadam"])
        for trial in trials:
            self.assertEqual(trial["state"], "finished")
            accuracy = self.metric(trial["id"], "val_acc")
            self.assertEqual(list(accuracy), [1])  # the trainer's epoch 1, logged with step=epoch
            self.assertGreater(accuracy[1], 0.5)  # ten classes: chance is 0.1
