#!/usr/bin/env bash
# Coordinator overhead: 1,000 no-op trials (/bin/true) at 2 workers, every trial recorded in SQLite,
# beside a bare spawn loop and Optuna's figures from the sweep issue.
# Usage: bench/orchestrator/run.sh [TRIALS] [WORKERS]   (builds into build/ if needed)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target coordinator_bench -j "$(nproc)" >/dev/null
"$build/bin/coordinator_bench" "${1:-1000}" "${2:-2}"
