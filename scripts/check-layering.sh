#!/usr/bin/env bash
# Fails when an #include climbs the layering: a folder may include only its own headers and those of
# folders on a lower level. The levels are the pipeline (README, "Layout"); bayesopt/ and trainer/
# stand alone. Usage: scripts/check-layering.sh [source root]   (exit 0: clean, 1: a climb, listed)
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}

# folder -> level; a folder not listed here (tests/, bench/) may include anything.
declare -A level=(
  [trainer]=0 [bayesopt]=0
  [results]=1
  [orchestrator/spec]=2 [orchestrator/space]=3 [orchestrator/launch]=4 [orchestrator/run]=5
  [report]=6
  [dashboard]=7
  [orchestrator/app]=8
)

folder_of() {  # the listed folder a project path lies in, or nothing
  local path=$1 best=""
  for folder in "${!level[@]}"; do
    if [[ $path == "$folder/"* && ${#folder} -gt ${#best} ]]; then best=$folder; fi
  done
  printf '%s' "$best"
}

climbs=0
checked=0
while IFS= read -r file; do
  relative=${file#"$root"/}
  from=$(folder_of "$relative")
  [[ -n $from ]] || continue
  while IFS= read -r included; do
    to=$(folder_of "$included")
    [[ -n $to && $to != "$from" ]] || continue
    checked=$((checked + 1))
    if ((level[$to] >= level[$from])); then
      echo "layering: $relative includes $included ($from is level ${level[$from]}, $to is level ${level[$to]})"
      climbs=$((climbs + 1))
    fi
  done < <(sed -n -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]+"([^"]+)".*/\1/p' "$file")
done < <(find "$root/trainer" "$root/bayesopt" "$root/results" "$root/orchestrator" "$root/report" \
              "$root/dashboard" \
              -type f \( -name '*.h' -o -name '*.cpp' \) | sort)

if ((climbs > 0)); then
  echo "layering: $climbs include(s) climb; move the code down or the include up (see README, Layout)"
  exit 1
fi
echo "layering: $checked cross-folder includes checked, none climbs"
