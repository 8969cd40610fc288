# A W&B-style training script, written as W&B users write them: argparse flags, wandb.init(config=...),
# wandb.log per epoch. `sweep run sweeps/wandb/sweep.yaml` runs it unchanged and offline.
"""Logistic regression on quadratic features of a toy "circle" data set; pure Python, no numpy."""

import argparse
import math
import random

import wandb


def make_data(count, seed):
    """Points in [-1.5, 1.5]^2, labelled 1 inside the unit circle, with 5% of the labels flipped."""
    rng = random.Random(seed)
    data = []
    for _ in range(count):
        x, y = rng.uniform(-1.5, 1.5), rng.uniform(-1.5, 1.5)
        label = 1 if x * x + y * y < 1 else 0
        if rng.random() < 0.05:
            label = 1 - label
        data.append(([1.0, x, y, x * x, y * y, x * y], label))
    return data


def sigmoid(z):
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def evaluate(weights, data):
    loss = correct = 0
    for features, label in data:
        p = min(max(sigmoid(sum(w * f for w, f in zip(weights, features))), 1e-12), 1 - 1e-12)
        loss -= math.log(p) if label else math.log(1 - p)
        correct += (p > 0.5) == bool(label)
    return loss / len(data), correct / len(data)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--learning_rate", type=float, default=0.1)
    parser.add_argument("--batch_size", type=int, default=32)
    parser.add_argument("--momentum", type=float, default=0.0)
    parser.add_argument("--weight_decay", type=float, default=0.0)
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    run = wandb.init(project="toy-circles", config=args)
    config = wandb.config
    rng = random.Random(config.seed)
    train, val = make_data(800, seed=config.seed), make_data(400, seed=config.seed + 1)
    weights, velocity = [0.0] * 6, [0.0] * 6
    best = 0.0
    for epoch in range(1, config.epochs + 1):
        rng.shuffle(train)
        for start in range(0, len(train), config.batch_size):
            batch = train[start:start + config.batch_size]
            gradient = [config.weight_decay * w for w in weights]
            for features, label in batch:
                error = sigmoid(sum(w * f for w, f in zip(weights, features))) - label
                for i, f in enumerate(features):
                    gradient[i] += error * f / len(batch)
            for i in range(6):
                velocity[i] = config.momentum * velocity[i] - config.learning_rate * gradient[i]
                weights[i] += velocity[i]
        train_loss, train_acc = evaluate(weights, train)
        val_loss, val_acc = evaluate(weights, val)
        best = max(best, val_acc)
        wandb.log({"epoch": epoch, "train_loss": train_loss, "train_acc": train_acc,
                   "val_loss": val_loss, "val_acc": val_acc})
    run.summary["best_val_acc"] = best
    run.summary["weights"] = weights
    wandb.finish()


if __name__ == "__main__":
    main()
