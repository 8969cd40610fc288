#!/usr/bin/env bash
# Accuracy of the trainer's own extensions (--keep-best, --lr-schedule, --dropout, --standardize) on the
# assignment's best-known configuration (784-128-128-128-10, ReLU, Xavier, Adam lr 1e-3, batch 64), on real
# Fashion-MNIST: for each variant and seed, the last epoch's val_acc and test_acc, the kept best epoch's
# (--keep-best val_acc), and the mean seconds per epoch. Each variant trains twice (last epoch, kept epoch):
# the runs are identical but for which network --test measures.
#
# Usage: bench/trainer/extensions.sh [--epochs N] [--seeds "1 2"] [--threads N]
# Env:   BUILD_DIR (default build). About 2 x epochs x 0.35 s per variant and seed on a quiet 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/../.."

build_dir=${BUILD_DIR:-build}
epochs=15
seeds="1 2"
threads=2
while [[ $# -gt 0 ]]; do
  case $1 in
    --epochs) epochs=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "usage: $0 [--epochs N] [--seeds \"1 2\"] [--threads N]" >&2; exit 2 ;;
  esac
done
if [[ ! -x "$build_dir/bin/trainer" ]]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build_dir" --target trainer -j "$(nproc)" >/dev/null
trainer=$build_dir/bin/trainer

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

reference=(-nhl 3 -sz 128 -a ReLU -w_i Xavier -o adam -lr 1e-3 -beta1 0.9 -beta2 0.999 -eps 1e-8 -b 64
           -e "$epochs" --threads "$threads" --test)
variants=(
  "none|"
  "cosine|--lr-schedule cosine"
  "dropout 0.2|--dropout 0.2"
  "standardize|--standardize"
  "cosine + dropout 0.2|--lr-schedule cosine --dropout 0.2"
  "cosine + standardize|--lr-schedule cosine --standardize"
  "cosine + dropout 0.2 + standardize|--lr-schedule cosine --dropout 0.2 --standardize"
)

echo "| extensions | seed | last: epoch, val_acc, test_acc | --keep-best val_acc: epoch, val_acc, test_acc | s/epoch |"
echo "|---|---|---|---|---|"
for variant in "${variants[@]}"; do
  name=${variant%%|*}
  read -r -a flags <<<"${variant#*|}"
  for seed in $seeds; do
    "$trainer" "${reference[@]}" --seed "$seed" "${flags[@]}" >"$results/last.jsonl" 2>/dev/null
    "$trainer" "${reference[@]}" --seed "$seed" "${flags[@]}" --keep-best val_acc >"$results/best.jsonl" 2>/dev/null
    python3 - "$results" "$name" "$seed" <<'PY'
import json, sys
results, name, seed = sys.argv[1:]
last = [json.loads(line) for line in open(results + "/last.jsonl")]
best = json.loads(open(results + "/best.jsonl").read().splitlines()[-1])
final = last[-1]
seconds = sum(line["epoch_seconds"] for line in last[1:]) / max(1, len(last) - 1)  # epoch 1 warms up
print(f"| {name} | {seed} | {final['epoch']}, {final['val_acc']:.4f}, {final['test_acc']:.4f} | "
      f"{best['best_epoch']}, {best['best_val_acc']:.4f}, {best['test_acc']:.4f} | {seconds:.3f} |")
PY
  done
done
