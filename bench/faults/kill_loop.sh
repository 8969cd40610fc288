#!/usr/bin/env bash
# The kill -9 loop of issue 16: a 2-worker sweep whose trainer does its work in a forked child (as a
# wrapper script runs python) is killed with kill -9 KILLS times at random moments and resumed after
# each kill. It reports, per kill, the trial processes (trainers and their children) and guardians still
# running 0.5 s after the kill, and the finished trials the kill lost; at the end, integrity_check and
# whether every grid point finished once.
# Usage: bench/faults/kill_loop.sh [KILLS=20]   (env BUILD_DIR, default build; builds sweep and fake_trainer)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${BUILD_DIR:-build}
kills=${1:-20}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target sweep fake_trainer -j 2 >/dev/null
sweep=$(realpath "$build/bin/sweep")
fake=$(realpath "$build/bin/fake_trainer")

work=$(mktemp -d /tmp/sweep-kill-loop-XXXXXX)
trap 'rm -rf "$work"' EXIT
tag=kill-loop-$$
points=100
values=$(seq -s, 1 "$points")
cat >"$work/kill.yaml" <<SPEC
name: kill_loop
program: $fake
method: grid
workers: 2
parameters:
  x: {values: [$values]}
  epochs: {value: 4}
  sleep_ms: {value: 150}
  work_in_child: {value: 1}
  tag: {value: $tag}
SPEC
cd "$work"
finished() { sqlite3 results.db "SELECT id || ':' || ended_at FROM trials WHERE state = 'finished' ORDER BY id" 2>/dev/null || true; }
# Trainers and their children carry --tag in their argv; a guardian is a fork of `sweep run` (same argv).
left_running() { { pgrep -f -- "--tag=$tag" || true; pgrep -f -- "$sweep run kill.yaml" || true; } | wc -l; }

lost_total=0
leftover_total=0
echo "kill  finished_before  lost  left_running_0.5s"
for ((k = 1; k <= kills; k++)); do
  "$sweep" run kill.yaml >>run.log 2>&1 &
  coordinator=$!
  sleep "$(awk -v seed="$k" 'BEGIN { srand(seed); printf "%.2f", 0.6 + rand() * 1.2 }')"
  before=$(finished)
  kill -9 "$coordinator" 2>/dev/null || echo "kill $k: the sweep had already completed"
  wait "$coordinator" 2>/dev/null || true
  sleep 0.5
  left=$(left_running)
  after=$(finished)
  lost=$(comm -23 <(printf '%s\n' "$before" | sed '/^$/d' | sort) <(printf '%s\n' "$after" | sed '/^$/d' | sort) | wc -l)
  lost_total=$((lost_total + lost))
  leftover_total=$((leftover_total + left))
  printf '%4d  %15d  %4d  %17d\n' "$k" "$(printf '%s\n' "$before" | sed '/^$/d' | wc -l)" "$lost" "$left"
done
"$sweep" run kill.yaml >>run.log 2>&1 || { echo "the final resume failed; see $work/run.log"; exit 1; }
integrity=$(sqlite3 results.db 'PRAGMA integrity_check')
grid_done=$(sqlite3 results.db "SELECT COUNT(DISTINCT number) FROM trials WHERE state = 'finished'")
orphans=$(sqlite3 results.db "SELECT COUNT(*) FROM trials WHERE json_extract(info, '$.cause') = 'orphaned'")
echo "kills $kills: finished trials lost $lost_total; processes left running after the kills $leftover_total"
echo "integrity_check $integrity; grid points finished $grid_done of $points; orphans re-run $orphans"
