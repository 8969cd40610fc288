# Sourced by the browser scripts' run.sh (tests/report/browser, tests/dashboard/browser, bench/dashboard):
# what they need checked, and their Node packages, as locked in their package-lock.json, installed
# outside the source tree.

# Exits 77 (ctest: skipped), saying what is missing, without node and npm, or without Chromium (at
# $SWEEP_CHROMIUM, default Debian's) unless --no-chromium.
skip_unless_installed() {  # NAME [--no-chromium]
  local chromium=${SWEEP_CHROMIUM:-/usr/bin/chromium}
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "$1: skipped: node and npm are needed (scripts/install-deps.sh --test installs them)"
    exit 77
  fi
  if [[ ${2:-} != --no-chromium && ! -x $chromium ]]; then
    echo "$1: skipped: no Chromium at $chromium (scripts/install-deps.sh --test installs Debian's chromium)"
    exit 77
  fi
}

# Copies package.json, package-lock.json, the named scripts and chromium.mjs (the shared Chromium
# launcher) from SOURCE_DIR into OUT_DIR/node, sets $node_dir to it, and installs the locked packages
# there with npm ci unless that lock was installed already.
prepare_node_dir() {  # OUT_DIR SOURCE_DIR SCRIPT...
  node_dir=$1/node
  local source=$2
  shift 2
  mkdir -p "$node_dir"
  for file in package.json package-lock.json "$@"; do
    cp "$source/$file" "$node_dir/$file"
  done
  cp "$(dirname "${BASH_SOURCE[0]}")/chromium.mjs" "$node_dir/"
  if [[ ! -d $node_dir/node_modules ]] || ! cmp -s "$source/package-lock.json" "$node_dir/node_modules/.package-lock.stamp"; then
    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$source/package-lock.json" "$node_dir/node_modules/.package-lock.stamp"
  fi
}

# An empty DIR (what an earlier run left there is removed), made the current directory.
enter_empty_dir() {  # DIR
  rm -rf "$1"
  mkdir -p "$1"
  cd "$1"
}
