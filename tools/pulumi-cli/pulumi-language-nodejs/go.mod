// The Node.js language host written for this repository, shared by every
// pinned engine version: each tools/pulumi-cli/v<version> module requires it
// through a local replace, so it is compiled against that version's sdk/v3.
// See docs/decisions/pulumi-engine.md.
module pulumi-atlas-endpoint-service/tools/pulumi-cli/pulumi-language-nodejs

go 1.25.11

require (
	github.com/pulumi/pulumi/sdk/v3 v3.248.0
	google.golang.org/grpc v1.81.1
	google.golang.org/protobuf v1.36.11
)
