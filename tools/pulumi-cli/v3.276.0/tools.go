//go:build tools

// Package tools pins the Pulumi CLI sources and our language host in
// go.mod/go.sum. Build with scripts/ensure-pulumi.sh, never `go install`.
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
	_ "pulumi-atlas-endpoint-service/tools/pulumi-cli/pulumi-language-nodejs"
)
