#!/usr/bin/env bash
# The dashboard's browser-side tests (ctest dashboard_browser, dashboard_load) and measurements:
#   browser  a sweep writes while Chromium watches the dashboard (check_dashboard.mjs): live updates, brush,
#            trial details, compare, zoom, escaping, zero console errors; screenshots in OUT_DIR
#   load     50 clients poll for 30 s while a sweep writes (load.mjs): 0 errors, 0 "database is locked"
#   perf     first paint and brush time at 100 and 2,000 trials x 50 epochs (perf.mjs), and the server's memory
# With BASELINE_SWEEP (an earlier build's `sweep`), load and perf measure its dashboard too, in the same
# run: load serves both dashboards from the same database at the same time (50 clients each), perf
# alternates the two pages in one browser, so a before/after is measured under the same machine load.
# Exits 77 (ctest: skipped) when chromium or node is not installed.
# usage: run.sh browser|load|perf SWEEP_BINARY FAKE_TRAINER OUT_DIR [BASELINE_SWEEP]
set -euo pipefail
if (($# != 4 && $# != 5)); then
  echo "usage: $0 browser|load|perf SWEEP_BINARY FAKE_TRAINER OUT_DIR [BASELINE_SWEEP]" >&2
  exit 2
fi
mode=$1
here=$(cd "$(dirname "$0")" && pwd)
sweep=$(realpath "$2")
fake_trainer=$(realpath "$3")
out=$(mkdir -p "$4" && cd "$4" && pwd)
baseline=${5:+$(realpath "$5")}
source "$here/../../common/browser/node_dir.sh"
if [[ $mode == load ]]; then skip_unless_installed "dashboard_$mode" --no-chromium; else skip_unless_installed "dashboard_$mode"; fi

# playwright-core, as locked, in the build directory: the source tree stays clean.
prepare_node_dir "$out" "$here" check_dashboard.mjs load.mjs perf.mjs

work=$out/work
enter_empty_dir "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# Starts `sweep dashboard` (of BINARY, default the sweep under test) on a free port, its output in
# NAME.log and NAME.err, and sets $url and $dashboard_pid once it listens.
start_dashboard() {  # DB [BINARY [NAME [OPTION...]]]
  local db=$1 binary=${2:-$sweep} name=${3:-dashboard}
  shift $(($# < 3 ? $# : 3))
  "$binary" --db "$db" dashboard --port 0 "$@" > "$name.log" 2> "$name.err" &
  dashboard_pid=$!
  pids+=("$dashboard_pid")
  for _ in $(seq 100); do
    # The log may not be there yet: the dashboard's shell opens it, and the race is not a failure.
    url=$(sed -n 's/^sweep dashboard: \(http:[^ ]*\) .*/\1/p' "$name.log" 2>/dev/null || true)
    [[ -n $url ]] && return 0
    kill -0 "$dashboard_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "dashboard did not start:"; cat "$name.log" "$name.err"
  exit 1
}

peak_rss_mib() {  # PID
  echo $(($(awk '/VmHWM/ {print $2}' "/proc/$1/status") / 1024))
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
    # --metric and --goal: the pages plot and rank by another recorded metric; a goal must be one of two.
    code=0; "$sweep" --db live.db dashboard --goal sideways > goal.log 2>&1 || code=$?
    [[ $code == 2 ]] || { echo "FAIL: --goal sideways: exit $code"; cat goal.log; status=1; }
    start_dashboard live.db "$sweep" metric --metric emitted_at --goal minimize
    node --input-type=module -e '
      const url = process.argv[1];
      const sweeps = (await (await fetch(new URL("/api/sweeps", url))).json()).sweeps;
      const live = sweeps.find((s) => s.name === "live");
      const model = await (await fetch(new URL(`/api/sweeps/${live.id}/model`, url))).json();
      const firsts = model.trials.map((t) => t.best);
      const ok = model.metric === "emitted_at" && model.maximize === false && model.best &&
                 model.best.value === Math.min(...firsts.filter((v) => v !== null));
      console.log(ok ? "dashboard --metric emitted_at --goal minimize: ok" : `FAIL: --metric: ${JSON.stringify({metric: model.metric, maximize: model.maximize, best: model.best})}`);
      process.exit(ok ? 0 : 1);
    ' "$url" || status=1
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
    status=0
    if [[ -n $baseline ]]; then
      start_dashboard load.db "$baseline" baseline
      baseline_url=$url baseline_pid=$dashboard_pid
    fi
    start_dashboard load.db
    [[ -z $baseline ]] || { node "$node_dir/load.mjs" "$baseline_url" 50 30 > "$out/load-baseline.txt" & load_pid=$!; }
    node "$node_dir/load.mjs" "$url" 50 30 | tee "$out/load.txt" || status=1
    echo "dashboard peak RSS: $(peak_rss_mib "$dashboard_pid") MiB" | tee -a "$out/load.txt"
    if [[ -n $baseline ]]; then
      wait "$load_pid" || status=1
      echo "dashboard peak RSS: $(peak_rss_mib "$baseline_pid") MiB" >> "$out/load-baseline.txt"
      echo "baseline $baseline, at the same time:"
      cat "$out/load-baseline.txt"
    fi
    kill "$run_pid" 2>/dev/null || true
    wait "$run_pid" 2>/dev/null || true
    if grep -qi "database is locked" run.log ./*.err; then
      echo "FAIL: \"database is locked\" in the sweep's or the dashboard's output"; grep -i "locked" run.log ./*.err; status=1
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
    compare=()
    if [[ -n $baseline ]]; then
      start_dashboard perf.db "$baseline" baseline
      compare=(--baseline "$url")
      baseline_pid=$dashboard_pid
    fi
    start_dashboard perf.db
    status=0
    node "$node_dir/perf.mjs" "$url" "$small" "$large" "$out" "${compare[@]}" | tee "$out/perf.txt" || status=1
    echo "dashboard peak RSS after serving both: $(peak_rss_mib "$dashboard_pid") MiB" | tee -a "$out/perf.txt"
    [[ -z $baseline ]] || echo "baseline dashboard peak RSS: $(peak_rss_mib "$baseline_pid") MiB" | tee -a "$out/perf.txt"
    exit $status
    ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
