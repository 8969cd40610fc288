#!/usr/bin/env bash
# Trainer benchmark: seconds per epoch of the reference network (784-128-128-128-10, ReLU, Xavier,
# cross-entropy, Adam lr 1e-3, batch 64, 54,000 training images) at 1 and 2 threads, and peak memory, for
# the C++ trainer and its peers (vectorised numpy on OpenBLAS, PyTorch on the CPU), all in the same run;
# then the 10-epoch validation/test accuracy of each (from the 2-thread runs).
#
# Usage: bench/trainer/run.sh [--quick] [--realtime]
#   --quick     3 epochs at 2 threads too (accuracy figures after 3 epochs instead of 10)
#   --realtime  run every measured program (ours and the peers alike) under `chrt -f 10` (root), so that
#               other work on a shared machine cannot preempt it: the figures then approach a quiet machine's
# Env:   BUILD_DIR (default build), PYTHON (default /usr/bin/python3: Debian's numpy and torch).
# Timings on a shared machine are noisy: rerun on a quiet one, or with --realtime. Epoch 1 is excluded from
# the mean (warm-up).
set -euo pipefail
cd "$(dirname "$0")/../.."

build_dir=${BUILD_DIR:-build}
python=${PYTHON:-/usr/bin/python3}
accuracy_epochs=10
priority=()
for argument in "$@"; do
  case $argument in
    --quick) accuracy_epochs=3 ;;
    --realtime) priority=(chrt -f 10) ;;
    *) echo "usage: $0 [--quick] [--realtime]" >&2; exit 2 ;;
  esac
done

bash scripts/install-deps.sh --bench-peers
if [[ ! -x "$build_dir/bin/trainer" ]]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build_dir" --target trainer -j "$(nproc)" >/dev/null
trainer=$build_dir/bin/trainer

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# run NAME THREADS EPOCHS COMMAND...: JSON lines to $results/NAME-THREADS.jsonl, peak RSS (KiB) to .rss
run() {
  local name=$1 threads=$2 epochs=$3
  shift 3
  echo "bench: $name, $threads thread(s), $epochs epochs" >&2
  "${priority[@]}" /usr/bin/time -f "%M" -o "$results/$name-$threads.rss" "$@" \
    >"$results/$name-$threads.jsonl" 2>"$results/$name-$threads.err" ||
    { cat "$results/$name-$threads.err" >&2; exit 1; }
}

echo "bench: load average before: $(cut -d' ' -f1-3 /proc/loadavg)${priority[*]:+ (running under ${priority[*]})}"
reference="-nhl 3 -sz 128 -a ReLU -w_i Xavier -l cross_entropy -o adam -lr 1e-3 -beta1 0.9 -beta2 0.999 -eps 1e-8 -b 64"
for threads in 1 2; do
  epochs=3
  [[ $threads == 2 ]] && epochs=$accuracy_epochs
  # shellcheck disable=SC2086
  run trainer "$threads" "$epochs" "$trainer" $reference -e "$epochs" --threads "$threads" --test
  run numpy "$threads" "$epochs" env OPENBLAS_NUM_THREADS="$threads" "$python" bench/trainer/numpy_mlp.py \
    --epochs "$epochs" --threads "$threads" --test
  run torch "$threads" "$epochs" env OMP_WAIT_POLICY=PASSIVE "$python" bench/trainer/torch_mlp.py \
    --epochs "$epochs" --threads "$threads" --test
done

echo "bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$python" - "$results" "$accuracy_epochs" <<'PY'
import json, os, statistics, sys
results, accuracy_epochs = sys.argv[1], int(sys.argv[2])
names = {"trainer": "C++ trainer (Eigen)", "numpy": "numpy + OpenBLAS", "torch": "PyTorch (CPU)"}

def lines(name, threads):
    with open(os.path.join(results, f"{name}-{threads}.jsonl")) as f:
        return [json.loads(l) for l in f if l.strip()]

def seconds(name, threads):
    epochs = [l["epoch_seconds"] for l in lines(name, threads)]
    return statistics.mean(epochs[1:] if len(epochs) > 1 else epochs)

def rss_mb(name, threads):
    with open(os.path.join(results, f"{name}-{threads}.rss")) as f:
        return int(f.read().split()[-1]) / 1024

ours = {t: seconds("trainer", t) for t in (1, 2)}
print(f"\nseconds per epoch (mean of epochs 2..N), peak RSS; ratio = peer / C++ trainer at equal threads")
print(f"{'implementation':24} {'1 thread':>9} {'ratio':>6} {'2 threads':>10} {'ratio':>6} {'peak MB':>8}")
for name, label in names.items():
    s1, s2 = seconds(name, 1), seconds(name, 2)
    peak = max(rss_mb(name, 1), rss_mb(name, 2))
    print(f"{label:24} {s1:9.3f} {s1 / ours[1]:6.2f} {s2:10.3f} {s2 / ours[2]:6.2f} {peak:8.0f}")
print(f"\nC++ trainer speed-up from 1 to 2 threads: {ours[1] / ours[2]:.2f}x")
print(f"GEMM work: 32.7 GFLOP per epoch -> {32.7 / ours[1]:.0f} GFLOP/s at 1 thread, {32.7 / ours[2]:.0f} at 2")
print(f"\naccuracy after {accuracy_epochs} epochs (2-thread runs; each with its own seeded 54,000/6,000 split)")
for name, label in names.items():
    last = lines(name, 2)[-1]
    print(f"{label:24} val_acc {last['val_acc']:.4f}  test_acc {last['test_acc']:.4f}")
PY
