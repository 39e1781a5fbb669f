#!/usr/bin/env bash
# Builds the provider plugin archive that `pulumi plugin install resource atlas-private-endpoint <version> --file
# <archive>` accepts: the launcher `pulumi-resource-atlas-private-endpoint` (a Node.js script), `plugin.js` (the
# plugin bundled with esbuild, @pulumi/pulumi and every dependency inside: no node_modules needed anywhere) and a
# package.json holding the version. Needs only Node.js (>= 20) on the user's PATH.
#
#   scripts/build-plugin-archive.sh [out-dir]     # default dist/plugin-archive; prints the archive's path
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

OUT_DIR=${1:-dist/plugin-archive}
VERSION=$(node -p 'require("./package.json").version')
NAME=pulumi-resource-atlas-private-endpoint
ARCHIVE="$OUT_DIR/$NAME-v$VERSION.tar.gz"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

npx esbuild provider/faces/plugin/main.ts --bundle --platform=node --target=node20 --log-level=warning \
  --outfile="$stage/plugin.js" >&2
printf '{ "name": "pulumi-atlas-private-endpoint", "version": "%s", "private": true }\n' "$VERSION" >"$stage/package.json"
cat >"$stage/$NAME" <<'LAUNCHER'
#!/usr/bin/env node
// The Pulumi resource plugin "atlas-private-endpoint", bundled: everything it needs is in plugin.js beside this file.
require("./plugin.js").runPlugin();
LAUNCHER
chmod 0755 "$stage/$NAME"

mkdir -p "$OUT_DIR"
tar -czf "$ARCHIVE" -C "$stage" "$NAME" plugin.js package.json
printf '%s\n' "$ARCHIVE"
