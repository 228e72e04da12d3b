# Shared helpers for scripts/start and scripts/test (sourced, not run).
# Everything here is idempotent: a second run only checks and moves on.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

# Node 20+ must be on the machine (the machine image provides it).
ensure_node() {
  command -v node >/dev/null || die "node is not installed: install Node.js 20 (https://nodejs.org) and rerun"
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || die "Node.js >= 20 is required, found $(node -v)"
}

# npm ci when node_modules is missing or older than the lockfile.
ensure_node_modules() {
  cd "$ROOT" || exit 1
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
    || [ ! -d node_modules/better-sqlite3/build ]; then
    say "installing npm packages (npm ci; better-sqlite3 compiles from source, about a minute)"
    npm ci --no-audit --no-fund --loglevel=error >&2 || die "npm ci failed"
  fi
}

# Compile TypeScript to dist/ when any source is newer than the last build.
ensure_build() {
  cd "$ROOT" || exit 1
  local stamp=dist/.build-stamp
  if [ ! -f "$stamp" ] || [ -n "$(find proto ledger projections services bench tsconfig.json package.json -newer "$stamp" -type f 2>/dev/null | head -n 1)" ]; then
    say "compiling TypeScript (tsc)"
    npx tsc -p tsconfig.json >&2 || die "TypeScript compilation failed"
    touch "$stamp"
  fi
}

# apt-get install the named Debian packages when a command is missing.
# usage: ensure_apt <command-to-check> <package>...
ensure_apt() {
  local cmd=$1; shift
  command -v "$cmd" >/dev/null && return 0
  [ "$(id -u)" = 0 ] || die "$cmd is missing; install it as root: apt-get install $*"
  say "installing Debian packages: $* (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "$@" >&2 || die "apt-get install $* failed"
}
