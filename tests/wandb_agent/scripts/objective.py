# The synthetic objective of the in-script sweep test scripts: a deterministic "validation accuracy"
# per epoch from a configuration, cheap enough that a trial costs a Python start-up and little more.
"""val_accuracy(config, epoch): rises with epochs, best near lr 0.01, batch 32 and 2 layers."""

import math


def val_accuracy(config, epoch):
    """In (0, 1); a learning rate far from 1e-2 and the sigmoid activation cost accuracy."""
    distance = abs(math.log10(config["learning_rate"]) + 2.0)
    ceiling = 0.95 - 0.15 * distance - 0.02 * abs(config["num_layers"] - 2)
    ceiling -= 0.1 if config["activation"] == "sigmoid" else 0.0
    ceiling -= 0.0005 * abs(config["batch_size"] - 32)
    return max(0.05, ceiling * (1.0 - math.exp(-epoch / 2.0)))
