#!/usr/bin/env python3
"""Adds a synthetic sweep of N trials x E epochs to an existing results.db (its schema made by `sweep run`),
shaped like a real DA6401 sweep: most trials end between 0.85 and 0.90 val_acc, a few collapse to 0.1.
usage: make_sweep.py DB NAME N [EPOCHS]"""
import json
import math
import random
import sqlite3
import sys
import time

db, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
epochs = int(sys.argv[4]) if len(sys.argv) > 4 else 50
spec = f"""name: {name}
program: trainer
method: random
metric: {{name: val_acc, goal: maximize}}
parameters:
  learning_rate: {{distribution: log_uniform_values, min: 0.0001, max: 0.1}}
  hidden_size: {{values: [32, 64, 128]}}
  activation: {{values: [relu, tanh, sigmoid]}}
  num_layers: {{min: 1, max: 5}}
  weight_decay: {{distribution: log_uniform_values, min: 0.000001, max: 0.01}}
"""
rng = random.Random(6401)
connection = sqlite3.connect(db)
now = time.time()
cursor = connection.execute(
    "INSERT INTO sweeps (name, spec_text, spec_hash, method, metric, goal, state, created_at, updated_at) "
    "VALUES (?, ?, ?, 'random', 'val_acc', 'maximize', 'finished', ?, ?)", (name, spec, "synthetic-" + name, now - 3600, now))
sweep_id = cursor.lastrowid
for number in range(1, count + 1):
    lr = math.exp(rng.uniform(math.log(1e-4), math.log(1e-1)))
    params = {"learning_rate": lr, "hidden_size": rng.choice([32, 64, 128]), "activation": rng.choice(["relu", "tanh", "sigmoid"]),
              "num_layers": rng.randint(1, 5), "weight_decay": math.exp(rng.uniform(math.log(1e-6), math.log(1e-2)))}
    collapsed = lr > 0.08 and rng.random() < 0.7
    plateau = 0.1 if collapsed else 0.90 - 0.04 * abs(math.log10(lr) + 3.2) - 0.01 * (params["hidden_size"] == 32) + rng.gauss(0, 0.004)
    cut = rng.random() < 0.3
    steps = rng.choice([3, 9]) if cut else epochs
    started = now - 3600 + number
    trial = connection.execute(
        "INSERT INTO trials (sweep_id, number, attempt, params, state, exit_code, started_at, ended_at, host, log_tail) "
        "VALUES (?, ?, 1, ?, ?, 0, ?, ?, 'synthetic', 'synthetic trial')",
        (sweep_id, number, json.dumps(params), "early_terminated" if cut else "finished", started, started + 0.5 * steps)).lastrowid
    connection.executemany("INSERT INTO metrics (trial_id, name, step, value) VALUES (?, 'val_acc', ?, ?)",
                           [(trial, step, plateau * (1 - 0.5 ** step) + rng.gauss(0, 0.002)) for step in range(1, steps + 1)])
connection.commit()
print(sweep_id)
