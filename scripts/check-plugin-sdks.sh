#!/usr/bin/env bash
# Generates the provider plugin's Python and Go SDKs from its schema into dist/sdk/ and checks them: Python compiles
# (python3 -m compileall), Go builds (go build, dependencies from the Go module proxy). .NET is not generated: its
# generator lives in the .NET language host, and this machine has no dotnet. Needs `npm run build` first.
#
# The generator (tools/sdkgen: Pulumi's own code generators at the pinned release) is built once and cached like the
# engine, in ${PULUMI_CLI_CACHE:-$HOME/.cache/pulumi-atlas-endpoint-service}/sdkgen-<hash of tools/sdkgen>/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '[check-plugin-sdks] %s\n' "$*" >&2; }

CACHE_ROOT=${PULUMI_CLI_CACHE:-$HOME/.cache/pulumi-atlas-endpoint-service}
hash=$(cd tools/sdkgen && cat go.mod go.sum ./*.go | sha256sum | cut -c1-16)
SDKGEN="$CACHE_ROOT/sdkgen-$hash/sdkgen"
if [ ! -x "$SDKGEN" ]; then
  log "building tools/sdkgen (once; cached in $(dirname "$SDKGEN"))"
  mkdir -p "$(dirname "$SDKGEN")"
  (cd tools/sdkgen && go build -trimpath -o "$SDKGEN.tmp" .) && mv -f "$SDKGEN.tmp" "$SDKGEN"
fi

OUT=dist/sdk
rm -rf "$OUT" && mkdir -p "$OUT"
node dist/scripts/write-plugin-schema.js "$OUT/schema.json"

"$SDKGEN" "$OUT/schema.json" python "$OUT/python" >&2
python3 -m compileall -q "$OUT/python" >/dev/null
log "Python SDK: $(find "$OUT/python" -name '*.py' | wc -l) files compile"

"$SDKGEN" "$OUT/schema.json" go "$OUT/go" >&2
(
  cd "$OUT/go"
  module=$(node -p 'require("../schema.json").language.go.importBasePath.split("/").slice(0, -1).join("/")')
  go mod init "$module" >/dev/null 2>&1
  go mod edit -require=github.com/pulumi/pulumi/sdk/v3@v3.248.0
  go mod tidy >/dev/null 2>&1 || go mod tidy
  go build ./...
  go vet ./... >/dev/null
)
log "Go SDK: $(find "$OUT/go" -name '*.go' | wc -l) files build"
log ".NET SDK: not generated here (no .NET language host or dotnet toolchain on this machine)"
