#!/usr/bin/env bash
# Install and type-check every example under examples/: `npm install`, then `tsc --noEmit`, in each folder.
#
#   scripts/check-examples.sh                 # all examples
#   scripts/check-examples.sh quickstart      # only the named ones
#
# The examples depend on this repository as `file:../..` and install a copy of its build (see examples/*/.npmrc),
# so the library is built first when dist/provider/index.js is missing, and each example's copy is refreshed.
# Prints the install time and node_modules size of each example; exits non-zero when any example fails.
set -euo pipefail

REPO_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
EXAMPLES_DIR="$REPO_ROOT/examples"

log() { printf '[check-examples] %s\n' "$*" >&2; }

if [ ! -f "$REPO_ROOT/dist/provider/index.js" ]; then
  log "dist/provider/index.js is missing: building the library"
  (cd "$REPO_ROOT" && npm run build) >&2
fi

if [ "$#" -gt 0 ]; then
  names=("$@")
else
  names=()
  for dir in "$EXAMPLES_DIR"/*/; do
    [ -f "$dir/package.json" ] && names+=("$(basename -- "$dir")")
  done
fi

failed=()
for name in "${names[@]}"; do
  dir="$EXAMPLES_DIR/$name"
  if [ ! -f "$dir/package.json" ]; then
    log "$name: no such example"
    failed+=("$name")
    continue
  fi

  # npm keeps an installed copy of a file: dependency even when the library was rebuilt; drop it to get the current one.
  rm -rf "$dir/node_modules/pulumi-atlas-private-endpoint"

  start=$(date +%s)
  if ! (cd "$dir" && npm install --no-audit --no-fund >&2); then
    log "$name: npm install failed"
    failed+=("$name")
    continue
  fi
  seconds=$(($(date +%s) - start))
  size=$(du -sh "$dir/node_modules" | cut -f1)
  log "$name: installed in ${seconds}s, node_modules ${size}"

  start=$(date +%s)
  # The example's own TypeScript (a devDependency), never one npx would fetch.
  if (cd "$dir" && ./node_modules/.bin/tsc --noEmit -p . >&2); then
    log "$name: type-check passed in $(($(date +%s) - start))s"
  else
    log "$name: type-check failed"
    failed+=("$name")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  log "failed: ${failed[*]}"
  exit 1
fi
log "all passed: ${names[*]}"
