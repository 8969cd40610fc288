#!/usr/bin/env bash
# The report benchmark: `sweep report` beside Optuna's plotly figures (optimization history, learning
# curves, parallel coordinates, fANOVA importance) on one synthetic DA6401-style sweep, in the same run.
# Usage: bench/report/run.sh [N ...]   (trial counts; default 100 1000)
# Env:   BUILD_DIR (default build), PYTHON (default /usr/bin/python3: Debian's optuna and plotly),
#        REPEATS (default 3: every time is the best of that many), SEED (default 6401).
# Peers: scripts/install-deps.sh --bench-peers (python3-optuna python3-plotly python3-sklearn).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${BUILD_DIR:-build}
python=${PYTHON:-/usr/bin/python3}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target sweep report_bench -j "${JOBS:-2}" >/dev/null
counts=("$@")
((${#counts[@]} > 0)) || counts=(100 1000)

echo "load before: $(uptime)"
for n in "${counts[@]}"; do
  out="$build/bench/report/n$n"
  mkdir -p "$out"
  "$python" bench/report/make_trials.py "$n" "$out/trials.json" --seed "${SEED:-6401}"
  "$build/bin/report_bench" make-db "$out/trials.json" "$out/results.db" >/dev/null
  "$python" bench/report/optuna_report.py --trials "$out/trials.json" --db "$out/results.db" \
    --sweep "$build/bin/sweep" --report-bench "$build/bin/report_bench" --out "$out" --repeats "${REPEATS:-3}"
  echo "files: $out"
done
echo "load after: $(uptime)"
