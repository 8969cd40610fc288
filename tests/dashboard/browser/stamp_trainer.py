#!/usr/bin/env python3
"""A trial program for the dashboard's tests: one JSON metrics line per epoch, each stamped with the
wall time it was printed (emitted_at), so a test can measure how long a line takes to reach the page."""
import json
import math
import sys
import time


def flag(name, default):
    for arg in sys.argv[1:]:
        if arg.startswith("--" + name + "="):
            return arg.split("=", 1)[1]
    return default


x = float(flag("x", "0.5"))
epochs = int(flag("epochs", "10"))
sleep = float(flag("sleep_ms", "200")) / 1000
print("stamp_trainer: starting <b>not markup</b>", file=sys.stderr, flush=True)
for epoch in range(1, epochs + 1):
    time.sleep(sleep)
    accuracy = (1 - (x - 0.7) ** 2) * (1 - 0.5 ** epoch)
    print(json.dumps({"epoch": epoch, "val_acc": accuracy, "loss": 1 - accuracy, "emitted_at": time.time()}), flush=True)
    print("epoch %d done" % epoch, flush=True)
