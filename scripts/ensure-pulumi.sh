#!/usr/bin/env bash
# Ensure the Pulumi engine (CLI) and a Node.js language host are available,
# and print the folder holding them (the only line written to stdout).
#
#   BIN=$(scripts/ensure-pulumi.sh) && export PATH="$BIN:$PATH"            # default: the floor, v3.248.0
#   BIN=$(scripts/ensure-pulumi.sh 3.276.0) && export PATH="$BIN:$PATH"    # a pinned version by name
#
# Without a version:
# 1. A `pulumi` on PATH at version >= MIN_VERSION together with a
#    `pulumi-language-nodejs` on PATH is used as is.
# 2. Otherwise the DEFAULT_VERSION build (below).
# With a version, a `pulumi` on PATH is used only when it is exactly that version.
#
# Each pinned version is a Go module tools/pulumi-cli/v<version>; the build
# (the CLI and our language host, tools/pulumi-cli/pulumi-language-nodejs)
# goes once into
#    ${PULUMI_CLI_CACHE:-$HOME/.cache/pulumi-atlas-endpoint-service}/pulumi-v<version>/bin
# and is reused from there. A cold build takes many minutes on 2 cores; a line
# on stderr every 10 s says it is still going.
#
# See docs/decisions/pulumi-engine.md.
set -euo pipefail

# The floor of the supported range (docs/decisions/supported-versions.md).
MIN_VERSION=3.248.0
DEFAULT_VERSION=3.248.0

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd -P)
TOOLS_DIR="$REPO_ROOT/tools/pulumi-cli"
HOST_DIR="$TOOLS_DIR/pulumi-language-nodejs"
# shellcheck source=lib/heartbeat.sh
. "$SCRIPT_DIR/lib/heartbeat.sh"

log() { printf '[ensure-pulumi] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# version_ge A B: true when version A >= version B (both without a leading v).
version_ge() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

[ "$#" -le 1 ] || die "usage: ensure-pulumi.sh [version]"
WANTED=${1:-}
WANTED=${WANTED#v}

# 1. Use what is on PATH when it fits.
if existing=$(command -v pulumi 2>/dev/null) && command -v pulumi-language-nodejs >/dev/null 2>&1; then
  have=$(PULUMI_SKIP_UPDATE_CHECK=true pulumi version 2>/dev/null | head -n1 | tr -d '[:space:]' || true)
  have=${have#v}
  if [ -z "$WANTED" ] && [[ "$have" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] && version_ge "${BASH_REMATCH[0]}" "$MIN_VERSION"; then
    log "using pulumi v$have from PATH"
    dirname -- "$existing"
    exit 0
  fi
  if [ -n "$WANTED" ] && [ "$have" = "$WANTED" ]; then
    log "using pulumi v$have from PATH"
    dirname -- "$existing"
    exit 0
  fi
  log "pulumi on PATH is '${have:-unknown}', need ${WANTED:->= $MIN_VERSION}; using the pinned build"
fi

# 2. The pinned build.
VERSION=${WANTED:-$DEFAULT_VERSION}
MODULE_DIR="$TOOLS_DIR/v$VERSION"
if [ ! -f "$MODULE_DIR/go.mod" ]; then
  die "no pinned build of v$VERSION (pinned: $(cd "$TOOLS_DIR" && echo v*))"
fi
grep -qE "github\.com/pulumi/pulumi/pkg/v3 v$VERSION\b" "$MODULE_DIR/go.mod" ||
  die "$MODULE_DIR/go.mod does not require github.com/pulumi/pulumi/pkg/v3 v$VERSION"

CACHE_ROOT=${PULUMI_CLI_CACHE:-$HOME/.cache/pulumi-atlas-endpoint-service}
VERSION_DIR="$CACHE_ROOT/pulumi-v$VERSION"
BIN_DIR="$VERSION_DIR/bin"
mkdir -p "$VERSION_DIR"

# Rebuild when the wrapper module (pins) or the language host source changes.
inputs_hash() {
  (cd "$TOOLS_DIR" && find "v$VERSION" pulumi-language-nodejs -type f \( -name '*.go' -o -name 'go.mod' -o -name 'go.sum' \) -print0 \
    | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | awk '{print $1}'
}
STAMP="$VERSION_DIR/inputs.sha256"
want_hash=$(inputs_hash)

is_current() {
  [ -x "$BIN_DIR/pulumi" ] && [ -x "$BIN_DIR/pulumi-language-nodejs" ] &&
    [ -x "$BIN_DIR/pulumi-resource-pulumi-nodejs" ] &&
    [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want_hash" ]
}

# One build at a time per version (flock is in util-linux; skip if absent).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$VERSION_DIR/.lock"
  if ! flock -n 9; then
    # The child's lock is on the same open file, so it stays with this shell.
    with_heartbeat ensure-pulumi "waiting for another process's build of pulumi v$VERSION" flock 9
  fi
fi

if is_current; then
  log "pulumi v$VERSION already built in $BIN_DIR"
else
  command -v go >/dev/null 2>&1 || die "go is required to build the Pulumi CLI (tools/pulumi-cli)"
  log "building pulumi v$VERSION and pulumi-language-nodejs with $(go version | awk '{print $3}') into $BIN_DIR"
  log "a cold build takes many minutes (3 to 6 on 2 cores); go build prints no progress, this script a line every 10 s"
  tmp=$(mktemp -d "$VERSION_DIR/build.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  start=$SECONDS
  (cd "$MODULE_DIR" && with_heartbeat ensure-pulumi "building pulumi v$VERSION" \
    go build -trimpath \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$VERSION" \
    -o "$tmp/" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
    pulumi-atlas-endpoint-service/tools/pulumi-cli/pulumi-language-nodejs)
  log "go build took $((SECONDS - start))s"

  # The bundled plugin that runs dynamic providers: a small shell script that
  # starts @pulumi/pulumi's dynamic-provider from the project's node_modules.
  # Taken from the pinned SDK module; the engine finds it next to `pulumi`.
  sdk_dir=$(cd "$MODULE_DIR" && go mod download github.com/pulumi/pulumi/sdk/v3 >&2 &&
    go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)
  install -m 0755 "$sdk_dir/nodejs/dist/pulumi-resource-pulumi-nodejs" "$tmp/pulumi-resource-pulumi-nodejs"

  mkdir -p "$BIN_DIR"
  for f in pulumi pulumi-language-nodejs pulumi-resource-pulumi-nodejs; do
    mv -f "$tmp/$f" "$BIN_DIR/$f"
  done
  printf '%s\n' "$want_hash" >"$STAMP"
  log "built: $("$BIN_DIR/pulumi" version 2>/dev/null || echo '?') ($(du -sh "$BIN_DIR" | awk '{print $1}') in $BIN_DIR)"
fi

printf '%s\n' "$BIN_DIR"
