#!/usr/bin/env bash
# Our canvas charts against uPlot (bench.mjs) on a synthetic sweep of TRIALS trials x EPOCHS epochs,
# shaped like a real DA6401 sweep (tests/dashboard/browser/make_sweep.py): its static report, which is the
# dashboard's page with the model embedded, is drawn by the page's own code; uPlot (npm, as locked in
# package-lock.json, installed in OUT_DIR) draws the same model. Prints both figures and their ratio.
# usage: run.sh SWEEP_BINARY OUT_DIR [TRIALS [EPOCHS [REPEATS]]]
set -euo pipefail
if (($# < 2)); then
  echo "usage: $0 SWEEP_BINARY OUT_DIR [TRIALS [EPOCHS [REPEATS]]]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
tests=$here/../../tests
sweep=$(realpath "$1")
out=$(mkdir -p "$2" && cd "$2" && pwd)
trials=${3:-2000}
epochs=${4:-50}
repeats=${5:-7}
source "$tests/common/browser/node_dir.sh"
skip_unless_installed bench/dashboard

# uPlot and playwright-core, as locked, in OUT_DIR: nothing third-party enters the source tree.
prepare_node_dir "$out" "$here" bench.mjs

work=$out/work
enter_empty_dir "$work"
# A one-trial sweep makes the database and its schema; the synthetic sweep is added beside it.
cat > seed.yaml <<SPEC
name: seed
program: $tests/dashboard/browser/stamp_trainer.py
method: random
run_cap: 1
metric: {name: val_acc, goal: maximize}
parameters:
  x: {min: 0.0, max: 1.0}
  epochs: {value: 1}
  sleep_ms: {value: 1}
SPEC
"$sweep" --db bench.db run seed.yaml > seed.log 2>&1 || { cat seed.log; exit 1; }
python3 "$tests/dashboard/browser/make_sweep.py" bench.db "bench-$trials" "$trials" "$epochs" > /dev/null
"$sweep" --db bench.db report --sweep "bench-$trials" -o report.html > report.log 2>&1 || { cat report.log; exit 1; }
node "$node_dir/bench.mjs" report.html "$node_dir/node_modules/uplot/dist" "$repeats" "$out" | tee "$out/bench.txt"
echo "screenshots of both, filtered: $out/canvas.png, $out/uplot.png"
