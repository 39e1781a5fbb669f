// Command pulumi-language-nodejs is a minimal Node.js language host for the
// Pulumi engine, written for this repository.
//
// Upstream's host (module github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3)
// is not served by the Go module proxy this project can reach, so the wrapper
// module builds this one instead (see docs/decisions/pulumi-engine.md). It
// covers what `pulumi stack`, `preview`, `up`, `refresh` and `destroy` need for
// a JavaScript/TypeScript program:
//
//   - Run: starts `node [nodeargs] <@pulumi/pulumi/cmd/run> --monitor … <program>`
//     with the stack config in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS and the
//     runtime options of Pulumi.yaml (typescript, tsconfig, nodeargs) applied.
//     The run script is resolved from the program directory with node's own
//     resolver, so it always is the @pulumi/pulumi the project installed.
//   - GetRequiredPackages: the resource plugins named by installed npm packages
//     (package.json `"pulumi": {"resource": true}`), like upstream.
//   - GetPluginInfo, Handshake, About, InstallDependencies (`npm install`).
//
// Everything else answers Unimplemented, which the engine tolerates.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Exit code of @pulumi/pulumi's run script after it has already reported a
// user-actionable error through the engine: the engine should just stop.
const exitCodeErrorAlreadyReported = 32

func main() {
	fs := flag.NewFlagSet("pulumi-language-nodejs", flag.ContinueOnError)
	tracing := fs.String("tracing", "", "Zipkin-compatible tracing endpoint (passed on to the program)")
	// Flags the engine or older engines may pass; accepted and ignored.
	fs.Bool("logtostderr", false, "ignored")
	fs.Bool("logflow", false, "ignored")
	fs.Int("v", 0, "ignored")
	for _, name := range []string{"root", "binary", "nodeargs", "tsconfig", "packagemanager"} {
		fs.String(name, "", "ignored")
	}
	fs.Bool("typescript", true, "ignored")
	if err := fs.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	var engineAddress string
	if fs.NArg() > 0 {
		engineAddress = fs.Arg(0)
	}

	host := &nodeHost{engineAddress: engineAddress, tracing: *tracing}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not start RPC server: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: RPC server stopped: %v\n", err)
		os.Exit(1)
	}
}

type nodeHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	mu            sync.Mutex
	engineAddress string
	tracing       string
}

func (h *nodeHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *nodeHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// runtimeOptions are the `runtime.options` of Pulumi.yaml that matter here.
type runtimeOptions struct {
	typescript bool
	tsconfig   string
	nodeargs   []string
}

func parseOptions(info *pulumirpc.ProgramInfo) runtimeOptions {
	opts := runtimeOptions{typescript: true}
	if info == nil || info.GetOptions() == nil {
		return opts
	}
	fields := info.GetOptions().GetFields()
	if v, ok := fields["typescript"]; ok {
		if b, isBool := v.GetKind().(*structpb.Value_BoolValue); isBool {
			opts.typescript = b.BoolValue
		}
	}
	if v, ok := fields["tsconfig"]; ok {
		opts.tsconfig = v.GetStringValue()
	}
	if v, ok := fields["nodeargs"]; ok {
		opts.nodeargs = strings.Fields(v.GetStringValue())
	}
	return opts
}

// programDir is where node resolves @pulumi/pulumi from.
func programDir(req *pulumirpc.RunRequest) string {
	if d := req.GetInfo().GetProgramDirectory(); d != "" {
		return d
	}
	return req.GetPwd()
}

// resolveRunScript finds @pulumi/pulumi/cmd/run as the program would see it.
func resolveRunScript(ctx context.Context, nodeBin, dir string) (string, error) {
	if p := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH"); p != "" {
		return p, nil
	}
	cmd := exec.CommandContext(ctx, nodeBin, "-e",
		`process.stdout.write(require.resolve("@pulumi/pulumi/cmd/run"))`)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("cannot find @pulumi/pulumi from %s: has `npm install` been run? (%v) %s",
			dir, err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

func (h *nodeHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	dir := programDir(req)
	runScript, err := resolveRunScript(ctx, nodeBin, dir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	opts := parseOptions(req.GetInfo())

	h.mu.Lock()
	engineAddress, tracing := h.engineAddress, h.tracing
	h.mu.Unlock()

	args := append([]string{}, opts.nodeargs...)
	args = append(args, runScript)
	addArg := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name+"="+value)
		}
	}
	addArg("monitor", req.GetMonitorAddress())
	addArg("engine", engineAddress)
	addArg("organization", req.GetOrganization())
	addArg("project", req.GetProject())
	addArg("stack", req.GetStack())
	addArg("pwd", req.GetPwd())
	addArg("root-directory", req.GetInfo().GetRootDirectory())
	if req.GetParallel() > 0 {
		addArg("parallel", fmt.Sprint(req.GetParallel()))
	}
	addArg("tracing", tracing)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	program := req.GetProgram()
	if program == "" {
		program = "."
	}
	args = append(args, program)
	args = append(args, req.GetArgs()...)

	configJSON, err := json.Marshal(req.GetConfig())
	if err != nil {
		return nil, fmt.Errorf("serializing config: %w", err)
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("serializing config secret keys: %w", err)
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON),
		fmt.Sprintf("PULUMI_NODEJS_TYPESCRIPT=%t", opts.typescript),
	)
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}

	cmd := exec.CommandContext(ctx, nodeBin, args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = env
	// The engine shows this process's stdout and stderr as the program's output.
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitCodeErrorAlreadyReported {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run node: %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

type packageJSON struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Pulumi  struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
}

// pluginFromPackage reports the resource plugin an npm package asks for, if any.
func pluginFromPackage(pkg packageJSON) (*pulumirpc.PackageDependency, bool) {
	if !pkg.Pulumi.Resource {
		return nil, false
	}
	name := pkg.Pulumi.Name
	if name == "" {
		name = strings.TrimPrefix(pkg.Name, "@pulumi/")
		name = strings.TrimPrefix(name, "@")
	}
	ver := pkg.Pulumi.Version
	if ver == "" {
		ver = pkg.Version
	}
	if name == "" || ver == "" {
		return nil, false
	}
	if !strings.HasPrefix(ver, "v") {
		ver = "v" + ver
	}
	return &pulumirpc.PackageDependency{
		Kind: "resource", Name: name, Version: ver, Server: pkg.Pulumi.Server,
	}, true
}

// scanNodeModules walks every node_modules folder below dir (nested and
// scoped packages included) and collects the resource plugins they declare.
func scanNodeModules(dir string) ([]*pulumirpc.PackageDependency, error) {
	seen := map[string]bool{}
	var deps []*pulumirpc.PackageDependency
	var walk func(nm string) error
	walk = func(nm string) error {
		entries, err := os.ReadDir(nm)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil
			}
			return err
		}
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, ".") {
				continue
			}
			pkgDirs := []string{filepath.Join(nm, name)}
			if strings.HasPrefix(name, "@") {
				scoped, err := os.ReadDir(filepath.Join(nm, name))
				if err != nil {
					continue
				}
				pkgDirs = pkgDirs[:0]
				for _, s := range scoped {
					pkgDirs = append(pkgDirs, filepath.Join(nm, name, s.Name()))
				}
			}
			for _, pd := range pkgDirs {
				b, err := os.ReadFile(filepath.Join(pd, "package.json"))
				if err == nil {
					var pkg packageJSON
					if json.Unmarshal(b, &pkg) == nil {
						if dep, ok := pluginFromPackage(pkg); ok && !seen[dep.Name+"@"+dep.Version] {
							seen[dep.Name+"@"+dep.Version] = true
							deps = append(deps, dep)
						}
					}
				}
				if err := walk(filepath.Join(pd, "node_modules")); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return deps, walk(filepath.Join(dir, "node_modules"))
}

func infoDir(info *pulumirpc.ProgramInfo) string {
	if d := info.GetProgramDirectory(); d != "" {
		return d
	}
	return info.GetRootDirectory()
}

func (h *nodeHost) GetRequiredPackages(
	_ context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	deps, err := scanNodeModules(infoDir(req.GetInfo()))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: deps}, nil
}

func (h *nodeHost) About(_ context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	out, err := exec.Command(nodeBin, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("node --version: %w", err)
	}
	return &pulumirpc.AboutResponse{
		Executable: nodeBin,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "v"),
	}, nil
}

// streamWriter forwards install output to the engine.
type streamWriter struct {
	mu     *sync.Mutex
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]
	stderr bool
}

func (w streamWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	msg := &pulumirpc.InstallDependenciesResponse{}
	if w.stderr {
		msg.Stderr = append([]byte{}, p...)
	} else {
		msg.Stdout = append([]byte{}, p...)
	}
	if err := w.server.Send(msg); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (h *nodeHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest,
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	dir := infoDir(req.GetInfo())
	if dir == "" {
		dir = req.GetDirectory()
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return fmt.Errorf("could not find npm on the $PATH: %w", err)
	}
	var mu sync.Mutex
	cmd := exec.CommandContext(server.Context(), npm, "install")
	cmd.Dir = dir
	cmd.Stdout = streamWriter{mu: &mu, server: server}
	cmd.Stderr = streamWriter{mu: &mu, server: server, stderr: true}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm install in %s: %w", dir, err)
	}
	return nil
}

var _ io.Writer = streamWriter{}
