#!/usr/bin/env bash
# Installs the Debian packages sweep needs to build and run (Debian 12, as root); --test adds what the
# browser tests need, --bench-peers the benchmarks' peers, --slurm a one-node Slurm cluster.
# Idempotent and quick when everything is already there: apt is only called for what is missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libboost-dev libboost-filesystem-dev
  libyaml-cpp-dev libsqlite3-dev sqlite3 libssl-dev libeigen3-dev doctest-dev zlib1g-dev
  nlohmann-json3-dev libcli11-dev liblbfgspp-dev
  dataset-fashion-mnist
  python3  # the wandb stand-in and its tests (W&B-style scripts run by `sweep run`)
)
packages+=(libpng-dev)  # the report's sample images as PNG data URIs (report/png_image.cpp)
for extra in "$@"; do
  case "$extra" in
    # The browser tests (tests/report/browser, tests/dashboard/browser): Debian's Chromium driven by
    # playwright-core under Node.js. Only the test command asks for them; the quick start (scripts/run.sh)
    # does not. A machine's Node.js may come from elsewhere with its own npm, which Debian's npm package
    # would conflict with, so node and npm are added only when missing.
    --test) packages+=(chromium)
            command -v node >/dev/null || packages+=(nodejs)
            command -v npm >/dev/null || packages+=(npm) ;;
    # Peers for the benchmarks only: numpy and PyTorch on OpenBLAS; /usr/bin/time for peak memory;
    # Optuna with plotly and scikit-learn (its fANOVA importance) for bench/report.
    --bench-peers) packages+=(python3-numpy python3-torch libopenblas0-pthread time
                              python3-optuna python3-plotly python3-sklearn) ;;
    # A one-node Slurm cluster for the Slurm launcher's tests (scripts/slurm-cluster.sh).
    --slurm) packages+=(slurmctld slurmd slurm-client munge) ;;
    *) echo "install-deps: unknown option $extra (allowed: --test, --bench-peers, --slurm)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
if [[ $(id -u) -ne 0 ]]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
