#!/usr/bin/env bash
# Launch overhead per trial through Slurm (each trial a job: srun) beside the local launcher, for
# no-op trials (/bin/true), one at a time so the figure is latency per trial, every trial recorded.
# Needs a cluster: scripts/slurm-cluster.sh start. The machine is shared, so rerun on a quiet one.
# Usage: bench/orchestrator_slurm/run.sh [TRIALS] [WORKERS]   (builds `sweep` into $BUILD_DIR or build/)
set -euo pipefail
cd "$(dirname "$0")/../.."
trials=${1:-100}
workers=${2:-1}
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target sweep -j "$(nproc)" >/dev/null
sweep=$(realpath "$build/bin/sweep")
scontrol ping 2>/dev/null | grep -q "is UP" || { echo "no Slurm cluster answers; run scripts/slurm-cluster.sh start" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
values=$(seq -s, 1 "$trials")

calc() { awk "BEGIN { print $1 }"; }

# Seconds for `trials` no-op trials through `launcher`.
measure() {
  local launcher=$1
  cat >"$work/$launcher.yaml" <<SPEC
name: bench-$launcher
program: /bin/true
method: grid
workers: $workers
launcher: $launcher
parameters:
  i: {values: [$values]}
SPEC
  local start end
  start=$(date +%s.%N)
  (cd "$work" && "$sweep" run "$launcher.yaml" --db "$work/$launcher.db" >/dev/null)
  end=$(date +%s.%N)
  calc "$end - $start"
}

# The floor: srun alone, from a shell loop, nothing recorded.
bare_srun() {
  local start end
  start=$(date +%s.%N)
  for _ in $(seq 1 "$trials"); do srun --quiet true; done
  end=$(date +%s.%N)
  calc "$end - $start"
}

local_s=$(measure local)
slurm_s=$(measure slurm)
bare_s=$(bare_srun)
printf '%d no-op trials, %d worker(s), every trial recorded in SQLite (shared, noisy machine)\n' "$trials" "$workers"
printf '%-10s %10s %14s %12s\n' launcher "total s" "ms per trial" "trials/s"
for row in "local $local_s" "slurm $slurm_s" "bare-srun $bare_s"; do
  set -- $row
  printf '%-10s %10.2f %14.1f %12.1f\n' "$1" "$2" "$(calc "$2 * 1000 / $trials")" "$(calc "$trials / $2")"
done
printf 'slurm launch overhead: %.1f ms per trial\n' "$(calc "($slurm_s - $local_s) * 1000 / $trials")"
