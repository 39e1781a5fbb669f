#!/usr/bin/env bash
# Run a command against the current pair of the supported range: Node.js 24 + @pulumi/pulumi 3.276.0 + the Pulumi
# engine v3.276.0. The checkout and its default pair (Node 20 + 3.248.0) are left as they are.
#
#   scripts/with-current-pair.sh npm run check              # the README's test command
#   scripts/with-current-pair.sh npm run check:examples
#   scripts/with-current-pair.sh npx jest test/engine
#
# 1. Node and the engine come from scripts/ensure-node.sh and scripts/ensure-pulumi.sh (cached outside the tree).
# 2. The checkout's files (tracked and untracked, not the ignored ones: no node_modules, no dist) are copied to a
#    scratch folder outside the tree, ${PULUMI_CLI_CACHE:-~/.cache/pulumi-atlas-endpoint-service}/current-pair/<id>/.
#    Its node_modules stays between runs, so a second run only installs what changed. The copy has no git history, so
#    test/package/standalone-clone.test.ts (which clones the committed HEAD) is reported as skipped there.
# 3. There, @pulumi/pulumi is set to the current version in package.json and in every example, and `npm install`
#    runs with Node 24's npm (the scratch lock file changes, never the checkout's).
# 4. The command runs there with Node 24 and the engine first on PATH, after the versions are checked.
# See docs/decisions/supported-versions.md.
set -euo pipefail

NODE_VERSION=24.19.0
PULUMI_SDK_VERSION=3.276.0
PULUMI_ENGINE_VERSION=3.276.0

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd -P)
# shellcheck source=lib/heartbeat.sh
. "$SCRIPT_DIR/lib/heartbeat.sh"

log() { printf '[current-pair] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[ "$#" -gt 0 ] || die "usage: with-current-pair.sh <command> [args...]"

NODE_BIN=$(bash "$SCRIPT_DIR/ensure-node.sh" "$NODE_VERSION")
PULUMI_BIN=$(bash "$SCRIPT_DIR/ensure-pulumi.sh" "$PULUMI_ENGINE_VERSION")

CACHE_ROOT=${PULUMI_CLI_CACHE:-$HOME/.cache/pulumi-atlas-endpoint-service}
SCRATCH_PARENT="$CACHE_ROOT/current-pair/$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-12)"
SCRATCH="$SCRATCH_PARENT/$(basename -- "$REPO_ROOT")"
mkdir -p "$SCRATCH"
# Runs before this one linked a folder beside the copy; nothing may sit beside it now.
rm -f "$SCRATCH_PARENT/shared"

# A fresh copy of the files, keeping only the root node_modules of the last run.
find "$SCRATCH" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} +
(cd "$REPO_ROOT" && git ls-files -z --cached --others --exclude-standard) |
  (cd "$REPO_ROOT" && tar --null -T - --ignore-failed-read -cf - 2>/dev/null) |
  tar -C "$SCRATCH" -xf -
log "copied $REPO_ROOT to $SCRATCH"

export PATH="$NODE_BIN:$PULUMI_BIN:$PATH"
cd "$SCRATCH"
npm pkg set --loglevel=error "devDependencies.@pulumi/pulumi=$PULUMI_SDK_VERSION"
for manifest in examples/*/package.json; do
  (cd "$(dirname -- "$manifest")" && npm pkg set --loglevel=error "dependencies.@pulumi/pulumi=$PULUMI_SDK_VERSION")
done
with_heartbeat current-pair "installing the dependencies with node v$NODE_VERSION" \
  npm install --no-audit --no-fund --loglevel=error

have_node=$(node --version)
have_sdk=$(node -p 'require("@pulumi/pulumi/package.json").version')
have_engine=$(PULUMI_SKIP_UPDATE_CHECK=true pulumi version)
[ "$have_node" = "v$NODE_VERSION" ] || die "node on PATH is $have_node, not v$NODE_VERSION"
[ "$have_sdk" = "$PULUMI_SDK_VERSION" ] || die "@pulumi/pulumi installed is $have_sdk, not $PULUMI_SDK_VERSION"
[ "$have_engine" = "v$PULUMI_ENGINE_VERSION" ] || die "pulumi on PATH is $have_engine, not v$PULUMI_ENGINE_VERSION"
log "node $have_node, @pulumi/pulumi $have_sdk, pulumi $have_engine; running: $*"
exec "$@"
