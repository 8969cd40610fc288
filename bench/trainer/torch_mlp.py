"""Peer for bench/trainer/run.sh: the reference MLP (784-128-128-128-10, ReLU, Xavier, softmax
cross-entropy, Adam lr 1e-3, batch 64) in PyTorch on the CPU.

Threads: torch.set_num_threads(--threads); run with OMP_WAIT_POLICY=PASSIVE (run.sh sets it).
Prints one JSON line per epoch like the C++ trainer: epoch, train_loss, val_loss, val_acc, epoch_seconds.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fashion_mnist as data  # noqa: E402
import torch  # noqa: E402


def main():
    args = data.arguments(__doc__)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train_x, train_y, val_x, val_y, test_x, test_y = (torch.from_numpy(a.copy()) for a in data.load(seed=args.seed))
    sizes = [784, 128, 128, 128, 10]
    layers = []
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        linear = torch.nn.Linear(fan_in, fan_out)
        torch.nn.init.xavier_uniform_(linear.weight)
        torch.nn.init.zeros_(linear.bias)
        layers.append(linear)
        if i + 2 < len(sizes):
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    loss_fn = torch.nn.CrossEntropyLoss()

    def evaluate(x, y):
        with torch.no_grad():
            logits = torch.cat([model(x[i:i + 1000].float() / 255) for i in range(0, len(x), 1000)])
            return float(loss_fn(logits, y)), float((logits.argmax(1) == y).float().mean())

    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        order = torch.randperm(len(train_x))
        loss_sum = 0.0
        for b in range(0, len(order), args.batch_size):
            idx = order[b:b + args.batch_size]
            x = train_x[idx].float() / 255
            loss = loss_fn(model(x), train_y[idx])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            loss_sum += float(loss) * len(idx)
        seconds = time.perf_counter() - start
        data.report_epoch(args, epoch, loss_sum / len(order), seconds, evaluate, (val_x, val_y), (test_x, test_y))


if __name__ == "__main__":
    main()
