#!/usr/bin/env bash
# The dashboard's browser-side tests (ctest dashboard_browser, dashboard_load) and measurements:
#   browser  a sweep writes while Chromium watches the dashboard (check_dashboard.mjs): live updates, brush,
#            trial details, compare, zoom, escaping, zero console errors; screenshots in OUT_DIR
#   load     50 clients poll for 30 s while a sweep writes (load.mjs): 0 errors, 0 "database is locked"
#   perf     first paint and brush time at 100 and 2,000 trials x 50 epochs (perf.mjs), and the server's memory
# Exits 77 (ctest: skipped) when chromium or node is not installed.
# usage: run.sh browser|load|perf SWEEP_BINARY FAKE_TRAINER OUT_DIR
set -euo pipefail
if (($# != 4)); then
  echo "usage: $0 browser|load|perf SWEEP_BINARY FAKE_TRAINER OUT_DIR" >&2
  exit 2
fi
mode=$1
here=$(cd "$(dirname "$0")" && pwd)
sweep=$(realpath "$2")
fake_trainer=$(realpath "$3")
out=$(mkdir -p "$4" && cd "$4" && pwd)
chromium=${SWEEP_CHROMIUM:-/usr/bin/chromium}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "dashboard_$mode: skipped: node and npm are needed (scripts/install-deps.sh --test installs them)"
  exit 77
fi
if [[ $mode != load && ! -x $chromium ]]; then
  echo "dashboard_$mode: skipped: no Chromium at $chromium (scripts/install-deps.sh --test installs Debian's chromium)"
  exit 77
fi

# playwright-core, as locked, in the build directory: the source tree stays clean.
node_dir=$out/node
mkdir -p "$node_dir"
for file in package.json package-lock.json check_dashboard.mjs load.mjs perf.mjs; do
  cp "$here/$file" "$node_dir/$file"
done
if [[ ! -d $node_dir/node_modules/playwright-core ]] || ! cmp -s "$here/package-lock.json" "$node_dir/node_modules/.package-lock.stamp"; then
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$node_dir/node_modules/.package-lock.stamp"
fi

work=$out/work
rm -rf "$work"
mkdir -p "$work"
cd "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# Starts `sweep dashboard` on a free port and sets $url once it listens.
start_dashboard() {  # DB
  "$sweep" --db "$1" dashboard --port 0 > dashboard.log 2> dashboard.err &
  dashboard_pid=$!
  pids+=("$dashboard_pid")
  for _ in $(seq 100); do
    url=$(sed -n 's/^sweep dashboard: \(http:[^ ]*\) .*/\1/p' dashboard.log)
    [[ -n $url ]] && return 0
    kill -0 "$dashboard_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "dashboard did not start:"; cat dashboard.log dashboard.err
  exit 1
}

# A sweep spec of the stamp trainer (each metrics line carries the time it was printed).
live_spec() {  # NAME RUN_CAP EPOCHS SLEEP_MS WORKERS
  cat <<SPEC
name: $1
program: $here/stamp_trainer.py
method: random
run_cap: $2
seed: 3
workers: $5
metric: {name: val_acc, goal: maximize}
parameters:
  x: {min: 0.0, max: 1.0}
  variant: {values: [plain, fancy, "<script>alert(1)</script>"]}
  lr: {distribution: log_uniform_values, min: 0.0001, max: 0.1}
  epochs: {value: $3}
  sleep_ms: {value: $4}
SPEC
}

wait_for_sweep() {  # DB NAME
  for _ in $(seq 200); do
    if [[ -f $1 ]] && [[ $(sqlite3 "$1" "SELECT COUNT(*) FROM trials t JOIN sweeps s ON s.id = t.sweep_id WHERE s.name = '$2'" 2>/dev/null || echo 0) -gt 0 ]]; then
      return 0
    fi
    sleep 0.05
  done
  echo "the sweep $2 did not start"; cat run.log; exit 1
}

case $mode in
  browser)
    # The command line: no database is exit 4 (and none is created); another host than loopback warns.
    code=0; "$sweep" --db missing.db dashboard --port 0 > missing.log 2>&1 || code=$?
    [[ $code == 4 && ! -e missing.db ]] || { echo "FAIL: dashboard without a database: exit $code"; cat missing.log; exit 1; }
    # A finished sweep first, so the page lists two; then a live one that writes while the browser watches.
    live_spec done 2 2 10 2 > done.yaml
    "$sweep" --db live.db run done.yaml > done.log 2>&1 || { cat done.log; exit 1; }
    live_spec live 8 25 250 2 > live.yaml
    "$sweep" --db live.db run live.yaml > run.log 2>&1 &
    run_pid=$!
    pids+=("$run_pid")
    wait_for_sweep live.db live
    "$sweep" --db live.db dashboard --host 0.0.0.0 --port 0 > open.log 2> open.err &
    open_pid=$!
    pids+=("$open_pid")
    for _ in $(seq 50); do grep -q "http://" open.log && break; sleep 0.1; done
    kill -INT "$open_pid"
    wait "$open_pid" || { echo "FAIL: the dashboard did not stop cleanly on Ctrl-C"; exit 1; }
    grep -q "warning: listening on 0.0.0.0" open.err || { echo "FAIL: no warning for --host 0.0.0.0"; cat open.err; exit 1; }
    start_dashboard live.db
    status=0
    node "$node_dir/check_dashboard.mjs" "$url" "$out" || status=1
    wait "$run_pid" || { echo "the sweep failed:"; cat run.log; status=1; }
    # Latency from a metrics line (its emitted_at) to the page drawing it.
    if [[ -f $out/arrivals.json ]]; then
      sqlite3 -json live.db "SELECT t.number AS trial, m.step, m.value AS emitted_at FROM metrics m JOIN trials t ON t.id = m.trial_id
        JOIN sweeps s ON s.id = t.sweep_id WHERE s.name = 'live' AND m.name = 'emitted_at' AND t.attempt = 1" > emitted.json
      node -e '
        const arrivals = require(process.argv[1]), emitted = require(process.argv[2]);
        const at = new Map(emitted.map((e) => [e.trial + ":" + e.step, e.emitted_at]));
        const ms = arrivals.map((a) => (a.at - at.get(a.trial + ":" + a.step)) * 1000).filter((x) => isFinite(x)).sort((a, b) => a - b);
        if (!ms.length) { console.log("latency: no live points measured"); process.exit(1); }
        const q = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
        console.log(`latency from a metrics line to the page: ${ms.length} points, median ${q(0.5).toFixed(0)} ms, p99 ${q(0.99).toFixed(0)} ms, max ${ms[ms.length - 1].toFixed(0)} ms`);
        if (q(0.5) > 1000) { console.log("FAIL: the median is over 1 s"); process.exit(1); }
      ' "$out/arrivals.json" "$work/emitted.json" | tee "$out/latency.txt" || status=1
    fi
    exit $status
    ;;
  load)
    live_spec load 400 20 20 2 > load.yaml
    "$sweep" --db load.db run load.yaml > run.log 2>&1 &
    run_pid=$!
    pids+=("$run_pid")
    wait_for_sweep load.db load
    start_dashboard load.db
    status=0
    node "$node_dir/load.mjs" "$url" 50 30 | tee "$out/load.txt" || status=1
    rss=$(awk '/VmHWM/ {print $2}' "/proc/$dashboard_pid/status")
    echo "dashboard peak RSS: $((rss / 1024)) MiB" | tee -a "$out/load.txt"
    kill "$run_pid" 2>/dev/null || true
    wait "$run_pid" 2>/dev/null || true
    if grep -qi "database is locked" run.log dashboard.err; then
      echo "FAIL: \"database is locked\" in the sweep's or the dashboard's output"; grep -i "locked" run.log dashboard.err; status=1
    fi
    finished=$(sqlite3 load.db "SELECT COUNT(*) FROM trials WHERE state = 'finished'")
    points=$(sqlite3 load.db "SELECT COUNT(*) FROM metrics WHERE name = 'val_acc'")
    echo "the sweep meanwhile: $finished trials finished, $points val_acc points written, 0 \"database is locked\"" | tee -a "$out/load.txt"
    exit $status
    ;;
  perf)
    live_spec seed 1 1 1 1 > seed.yaml
    "$sweep" --db perf.db run seed.yaml > seed.log 2>&1 || { cat seed.log; exit 1; }
    small=$(python3 "$here/make_sweep.py" perf.db perf-100 100 50)
    large=$(python3 "$here/make_sweep.py" perf.db perf-2000 2000 50)
    start_dashboard perf.db
    node "$node_dir/perf.mjs" "$url" "$small" "$large" "$out" | tee "$out/perf.txt"
    rss=$(awk '/VmHWM/ {print $2}' "/proc/$dashboard_pid/status")
    echo "dashboard peak RSS after serving both: $((rss / 1024)) MiB" | tee -a "$out/perf.txt"
    ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
