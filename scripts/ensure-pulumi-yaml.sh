#!/usr/bin/env bash
# Ensure the Pulumi YAML language host (pulumi-language-yaml) is available, and print the folder holding it (the
# only line written to stdout). Used by the YAML example's engine test and CI, beside scripts/ensure-pulumi.sh:
#
#   export PATH="$(scripts/ensure-pulumi-yaml.sh):$(scripts/ensure-pulumi.sh):$PATH"
#
# 1. A `pulumi-language-yaml` on PATH is used as is.
# 2. Otherwise it is built once with `go install` from the Go module proxy (about 40 s of CPU; a 45 MB binary) into
#    ${PULUMI_CLI_CACHE:-$HOME/.cache/pulumi-atlas-endpoint-service}/pulumi-language-yaml-v<version>/bin
#    and reused from there.
set -euo pipefail

VERSION=1.25.0
MODULE=github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml

log() { printf '[ensure-pulumi-yaml] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

if existing=$(command -v pulumi-language-yaml 2>/dev/null); then
  log "using $existing from PATH"
  dirname -- "$existing"
  exit 0
fi

CACHE_ROOT=${PULUMI_CLI_CACHE:-$HOME/.cache/pulumi-atlas-endpoint-service}
VERSION_DIR="$CACHE_ROOT/pulumi-language-yaml-v$VERSION"
BIN_DIR="$VERSION_DIR/bin"
mkdir -p "$VERSION_DIR"

# One build at a time (flock is in util-linux; skip if absent).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$VERSION_DIR/.lock"
  flock 9
fi

if [ -x "$BIN_DIR/pulumi-language-yaml" ]; then
  log "pulumi-language-yaml v$VERSION already built in $BIN_DIR"
else
  command -v go >/dev/null 2>&1 || die "go is required to build $MODULE"
  log "building $MODULE@v$VERSION with $(go version | awk '{print $3}')"
  tmp=$(mktemp -d "$VERSION_DIR/build.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  start=$SECONDS
  GOBIN="$tmp" go install -trimpath "$MODULE@v$VERSION" >&2
  mkdir -p "$BIN_DIR"
  mv -f "$tmp/pulumi-language-yaml" "$BIN_DIR/pulumi-language-yaml"
  log "go install took $((SECONDS - start))s"
fi

printf '%s\n' "$BIN_DIR"
