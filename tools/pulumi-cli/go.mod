// Wrapper module that pins the Pulumi CLI (engine) to one tagged release so it
// can be built from the Go module proxy. See docs/decisions/pulumi-engine.md.
module pulumi-atlas-endpoint-service/tools/pulumi-cli

go 1.25.11

// Copied from github.com/pulumi/pulumi/pkg/go.mod at v3.248.0 (its only
// non-local replace; the local `sdk/v3 => ../sdk` one is replaced by the
// require below).
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e

require (
	github.com/pulumi/pulumi/pkg/v3 v3.248.0
	github.com/pulumi/pulumi/sdk/v3 v3.248.0
)
