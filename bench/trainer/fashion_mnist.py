"""Fashion-MNIST for the benchmark peers: IDX reading, the 54,000/6,000 split, uint8 batches, JSON output.

Shared by numpy_mlp.py and torch_mlp.py so that both do exactly the same data handling as each other
(and as the C++ trainer: images kept as uint8, converted to float per batch, reshuffled every epoch).
"""
import argparse
import gzip
import json
import os
import sys

import numpy as np

DATA_DIR = "/usr/share/datasets/fashion-mnist"


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims))
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(data_dir=DATA_DIR, val_fraction=0.1, seed=1):
    """Returns (train_x, train_y, val_x, val_y, test_x, test_y); x as uint8 rows of 784 pixels."""
    x = read_idx(os.path.join(data_dir, "train-images-idx3-ubyte.gz")).reshape(-1, 784)
    y = read_idx(os.path.join(data_dir, "train-labels-idx1-ubyte.gz")).astype(np.int64)
    tx = read_idx(os.path.join(data_dir, "t10k-images-idx3-ubyte.gz")).reshape(-1, 784)
    ty = read_idx(os.path.join(data_dir, "t10k-labels-idx1-ubyte.gz")).astype(np.int64)
    order = np.random.default_rng(seed).permutation(len(x))
    n_val = int(round(len(x) * val_fraction))
    val, train = order[:n_val], order[n_val:]
    return x[train], y[train], x[val], y[val], tx, ty


def arguments(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--test", action="store_true", help="add test_acc to the last line")
    return parser.parse_args()


def emit(line):
    print(json.dumps(line), flush=True)


def report_epoch(args, epoch, train_loss, seconds, evaluate, val, test):
    """Prints one epoch's JSON line in the trainer's format; evaluate(x, y) is the peer's own."""
    val_loss, val_acc = evaluate(*val)
    line = {"epoch": epoch, "train_loss": train_loss, "val_loss": val_loss, "val_acc": val_acc,
            "epoch_seconds": seconds}
    if args.test and epoch == args.epochs:
        line["test_loss"], line["test_acc"] = evaluate(*test)
    emit(line)


def note(message):
    print(message, file=sys.stderr, flush=True)
