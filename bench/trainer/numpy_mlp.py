"""Peer for bench/trainer/run.sh: the reference MLP (784-128-128-128-10, ReLU, Xavier, softmax
cross-entropy, Adam lr 1e-3, batch 64) as a vectorised float32 numpy program on OpenBLAS.

Threads: OPENBLAS_NUM_THREADS is set from --threads before numpy is imported.
Prints one JSON line per epoch like the C++ trainer: epoch, train_loss, val_loss, val_acc, epoch_seconds.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def main():
    import fashion_mnist as data  # argparse only; numpy is imported after the thread count is set
    args = data.arguments(__doc__)
    os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
    import numpy as np

    train_x, train_y, val_x, val_y, test_x, test_y = data.load(seed=args.seed)
    rng = np.random.default_rng(args.seed + 1)
    sizes = [784, 128, 128, 128, 10]
    weights, biases = [], []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        weights.append(rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32))
        biases.append(np.zeros(fan_out, np.float32))
    params = weights + biases
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, beta1, beta2, eps = 1e-3, 0.9, 0.999, 1e-8
    scale = np.float32(1 / 255)

    def forward(x):
        activations = [x]
        for i in range(len(weights)):
            z = activations[-1] @ weights[i]
            z += biases[i]
            if i + 1 < len(weights):
                np.maximum(z, 0, out=z)
            activations.append(z)
        logits = activations[-1]
        logits -= logits.max(axis=1, keepdims=True)
        np.exp(logits, out=logits)
        logits /= logits.sum(axis=1, keepdims=True)
        return activations

    def evaluate(x, y):
        probs = np.concatenate([forward(x[i:i + 1000].astype(np.float32) * scale)[-1] for i in range(0, len(x), 1000)])
        loss = -np.log(np.maximum(probs[np.arange(len(y)), y], 1e-30)).mean()
        return float(loss), float((probs.argmax(axis=1) == y).mean())

    step = 0
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        order = rng.permutation(len(train_x))
        loss_sum = 0.0
        for b in range(0, len(order), args.batch_size):
            idx = order[b:b + args.batch_size]
            x = train_x[idx].astype(np.float32) * scale
            y = train_y[idx]
            acts = forward(x)
            probs = acts[-1]
            loss_sum += -np.log(np.maximum(probs[np.arange(len(y)), y], 1e-30)).sum()
            delta = probs
            delta[np.arange(len(y)), y] -= 1
            delta /= len(y)
            grads_w, grads_b = [None] * len(weights), [None] * len(weights)
            for i in reversed(range(len(weights))):
                grads_w[i] = acts[i].T @ delta
                grads_b[i] = delta.sum(axis=0)
                if i > 0:
                    delta = delta @ weights[i].T
                    delta *= acts[i] > 0
            step += 1
            c1, c2 = 1 - beta1 ** step, 1 - beta2 ** step
            for p, g, mi, vi in zip(params, grads_w + grads_b, m, v):
                mi *= beta1
                mi += (1 - beta1) * g
                vi *= beta2
                vi += (1 - beta2) * g * g
                p -= (lr / c1) * mi / (np.sqrt(vi / c2) + eps)
        seconds = time.perf_counter() - start
        data.report_epoch(args, epoch, loss_sum / len(order), seconds, evaluate, (val_x, val_y), (test_x, test_y))


if __name__ == "__main__":
    main()
