#!/usr/bin/env bash
# The report's browser test (registered with ctest as report_browser): runs small fake-trainer sweeps
# with the built `sweep`, writes their reports (a full one, a one-trial one, an empty one) and checks
# each in Debian's headless Chromium with check_report.mjs, saving screenshots in OUT_DIR.
# Exits 77 (ctest: skipped) when chromium or node is not installed.
# usage: run.sh SWEEP_BINARY FAKE_TRAINER OUT_DIR
set -euo pipefail
if (($# != 3)); then
  echo "usage: $0 SWEEP_BINARY FAKE_TRAINER OUT_DIR" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
sweep=$(realpath "$1")
fake_trainer=$(realpath "$2")
out=$(mkdir -p "$3" && cd "$3" && pwd)
source "$here/../../common/browser/node_dir.sh"
skip_unless_installed report_browser

# playwright-core, as locked, in the build directory: the source tree stays clean.
prepare_node_dir "$out" "$here" check_report.mjs

work=$out/sweeps
enter_empty_dir "$work"

# A full sweep: log-uniform and categorical parameters (one label needing escapes), hyperband stopping
# some trials early, and a few crashing (crash_at: 3).
cat > full.yaml <<EOF
name: browser-full
program: $fake_trainer
method: random
run_cap: 12
seed: 5
workers: 2
metric: {name: val_acc, goal: maximize}
early_terminate: {type: hyperband, min_iter: 2, eta: 2}
parameters:
  x: {min: 0.0, max: 1.0}
  variant: {values: [plain, fancy, "<odd & quoted>"]}
  lr: {distribution: log_uniform_values, min: 0.0001, max: 0.1}
  crash_at: {values: [0, 3], probabilities: [0.8, 0.2]}
  epochs: {value: 8}
  sleep_ms: {value: 15}
  dataset: {value: fashion_mnist}
EOF
"$sweep" --db full.db run full.yaml > full-run.log 2>&1 || { cat full-run.log; exit 1; }

# The best trial's test results, as `sweep best --retrain --test` stores them in its summary.
matrix=$(awk 'BEGIN { printf "["; for (r = 0; r < 10; r++) { printf "%s[", (r ? "," : "");
  for (c = 0; c < 10; c++) printf "%s%d", (c ? "," : ""), (r == c ? 850 + 11 * r : (r * 7 + c * 3) % 23); printf "]" }
  printf "]" }')
sqlite3 full.db "INSERT INTO summaries (trial_id, key, value)
  SELECT trial_id, 'test_confusion', '$matrix' FROM trial_best ORDER BY score DESC LIMIT 1;
  INSERT INTO summaries (trial_id, key, value)
  SELECT trial_id, 'test_acc', '0.8765' FROM trial_best ORDER BY score DESC LIMIT 1;"
# An empty sweep beside it: created, no trial yet.
sqlite3 full.db "INSERT INTO sweeps (name, spec_text, spec_hash, method, metric, goal, state, created_at, updated_at)
  SELECT 'browser-empty', spec_text, 'empty', method, metric, goal, 'running', created_at, created_at
  FROM sweeps WHERE name = 'browser-full';"

cat > one.yaml <<EOF
name: browser-one
program: $fake_trainer
method: random
run_cap: 1
seed: 1
metric: {name: val_acc, goal: maximize}
parameters:
  x: {min: 0.0, max: 1.0}
  variant: {values: [plain, fancy]}
  epochs: {value: 4}
EOF
"$sweep" --db one.db run one.yaml > one-run.log 2>&1 || { cat one-run.log; exit 1; }

full_rows=$(sqlite3 full.db "SELECT COUNT(DISTINCT number) FROM trials t JOIN sweeps s ON s.id = t.sweep_id
  WHERE s.name = 'browser-full'")
images=()
[[ -d /usr/share/datasets/fashion-mnist ]] && images=(--images)

check() {  # NAME ROWS MIN_CHARTS [--images]
  local name=$1 rows=$2 charts=$3
  shift 3
  node "$node_dir/check_report.mjs" "$work/$name.html" "$out/$name.png" --rows "$rows" --min-charts "$charts" "$@"
}

"$sweep" --db full.db report --sweep browser-full -o full.html
"$sweep" --db full.db report --sweep browser-empty -o empty.html
"$sweep" --db one.db report -o one.html
status=0
check full "$full_rows" 3 "${images[@]}" || status=1
check one 1 3 || status=1
check empty 0 0 || status=1
exit $status
