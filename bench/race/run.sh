#!/usr/bin/env bash
# The DA6401 race: sweep (bayes + hyperband: log EI, the default, fidelity single and multi; UCB,
# single) against Optuna 3.1 TPE +
# HyperbandPruner on sweeps/adam.yaml's space, 2 workers, the same trainer binary, the same wall time.
# Usage: bench/race/run.sh [MINUTES=10] [SEEDS=1,2,3]   (resumes: runs already in OUT are kept)
# Env:   BUILD_DIR (default build), OUT (default $BUILD_DIR/bench/race), METHODS (default single,single_ucb,multi,optuna),
#        PYTHON (default /usr/bin/python3: Debian's optuna). Peers: scripts/install-deps.sh --bench-peers.
# Needs the machine to itself: 2 workers x 1 thread take both cores of a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${BUILD_DIR:-build}
python=${PYTHON:-/usr/bin/python3}
if ! "$python" -c 'import optuna, yaml' 2>/dev/null; then
  echo "race: Optuna is missing; install it with scripts/install-deps.sh --bench-peers" >&2
  exit 2
fi
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target sweep trainer -j "${JOBS:-2}" >/dev/null
out=${OUT:-$build/bench/race}
echo "race: $(git rev-parse --short HEAD), load before: $(uptime)"
"$python" bench/race/race.py --build "$build" --minutes "${1:-10}" --seeds "${2:-1,2,3}" \
  --methods "${METHODS:-single,single_ucb,multi,optuna}" --out "$out"
echo "race: load after: $(uptime); results: $out/results.json"
