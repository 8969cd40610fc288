#!/usr/bin/env bash
# Quick start: installs what is missing, builds (Release), runs a sweep (default sweeps/adam.yaml)
# prints its best trial and writes its HTML report (report.html). Usage: scripts/run.sh [SPEC] [extra `sweep run` options]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)" --target trainer sweep
export PATH="$PWD/build/bin:$PATH"
spec=${1:-sweeps/adam.yaml}
shift || true
sweep run "$spec" "$@"
sweep best --metric val_acc
sweep report -o report.html
