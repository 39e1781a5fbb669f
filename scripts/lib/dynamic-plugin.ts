/**
 * Drives a real resource provider plugin over gRPC, as the engine does: spawn it, read its port, and call
 * Configure/Check/Diff/Create/Read/Update/Delete. The Pulumi dynamic-provider plugin
 * (`@pulumi/pulumi/cmd/dynamic-provider`) and this package's own plugin (`bin/pulumi-resource-atlas-private-endpoint`)
 * are both driven this way. Used by tests, the soak and the benchmarks; nothing in the library depends on it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";

/** The string the engine sends for values unknown during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A partial create (or update) decoded from the `grpc-status-details-bin` trailer. */
export interface PartialFailure {
  readonly message: string;
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];
}

/** A failed plugin call: the gRPC message and, for partial creates, the decoded details. */
export class PluginCallError extends Error {
  override readonly name = "PluginCallError";
  constructor(
    message: string,
    readonly partial: PartialFailure | undefined,
  ) {
    super(message);
  }
}

type Props = Record<string, unknown>;

/** A running plugin process and a typed client for it, for one resource type (see {@link ProviderPlugin.forType}). */
export interface ProviderPlugin {
  /** Everything the plugin wrote to stdout and stderr so far. */
  output(): string;
  /** The plugin's process id (for RSS measurements). */
  readonly pid: number;
  /** The same plugin process, calling it for another resource type token (and resource name in the URN). */
  forType(type: string, name?: string): ProviderPlugin;
  getSchema(): Promise<string>;
  /** The provider's inputs as the plugin checks them (`CheckConfig`), with secret markers kept. */
  checkConfig(news: Props): Promise<Props>;
  /** `args` are the provider's inputs; `variables` the `<package>:config:<key>` map the engine sends alongside. */
  configure(config: Record<string, string>, variables?: Record<string, string>): Promise<void>;
  check(olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }>;
  diff(
    id: string,
    olds: Props,
    news: Props,
  ): Promise<{ changes: "none" | "some" | "unknown"; replaces: string[]; deleteBeforeReplace: boolean }>;
  /** The diff with its detailed form (`undefined` when the plugin sends none), as `pulumi preview --diff` reads it. */
  detailedDiff(id: string, olds: Props, news: Props): Promise<DetailedDiff>;
  /** `timeoutSeconds`: the engine's `customTimeouts` for the call (0 or absent: none). */
  create(properties: Props, timeoutSeconds?: number): Promise<{ id: string; properties: Props }>;
  /** With empty `properties`, as the engine reads on import (`id` is then the import id). */
  read(id: string, properties: Props): Promise<{ id: string; properties: Props; inputs: Props | undefined }>;
  update(id: string, olds: Props, news: Props, timeoutSeconds?: number): Promise<{ properties: Props }>;
  delete(id: string, properties: Props, timeoutSeconds?: number): Promise<void>;
  /** A function of the schema (`fn::invoke`): its result, or its check failures. */
  invoke(
    token: string,
    args: Props,
  ): Promise<{ outputs: Props | undefined; failures: { property: string; reason: string }[] }>;
  /** The engine's `Cancel`. */
  cancel(): Promise<void>;
  close(): Promise<void>;
}

/** A diff as `DiffResponse` carries it with its detailed form. */
export interface DetailedDiff {
  readonly changes: "none" | "some" | "unknown";
  readonly replaces: string[];
  /** The changed keys (`diffs`). */
  readonly diffs: string[];
  /** Each property's change (`ADD`, `UPDATE_REPLACE`, …) and whether it is an input's; `undefined` without one. */
  readonly detailed: Record<string, { kind: string; inputDiff: boolean }> | undefined;
}

/** The resources whose provider modules the package ships, by folder under provider/. */
export type ProviderModuleName =
  "endpoint-service" | "private-endpoint" | "regional-mode" | "private-connection-strings";

/** The dynamic-provider plugin: a {@link ProviderPlugin} for `pulumi-nodejs:dynamic/…` types. */
export type DynamicPlugin = ProviderPlugin;

/** The type token of `PrivateEndpointService` in the dynamic-provider plugin. */
export const DYNAMIC_SERVICE_TYPE = "pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpointService";

/**
 * The `__provider` text for a built provider module in this checkout (by path, as a test stand-in for the installed
 * package's `require("<package>/provider")` or `require("<package>/provider/private-endpoint")`).
 */
export function providerReference(modulePath = builtProviderPath()): string {
  return `exports.handler = function () { return require(${JSON.stringify(modulePath)}); };`;
}

/**
 * A built provider module of this checkout (default: the service's), from the TypeScript source (tests) or from
 * dist (scripts).
 */
export function builtProviderPath(resource: ProviderModuleName = "endpoint-service"): string {
  const fromDist = path.basename(path.resolve(__dirname, "../..")) === "dist";
  return path.resolve(__dirname, fromDist ? "../../provider" : "../../dist/provider", resource, "provider.js");
}

/** Options of {@link startDynamicPlugin}. */
export interface StartPluginOptions {
  /** Environment of the plugin (the CLI's, in real life). Default: this process's. */
  env?: NodeJS.ProcessEnv;
  /** Where `@pulumi/pulumi` is installed. Default: this checkout's. */
  pulumiPackageDir?: string;
  /** The working directory (the engine uses the Pulumi project folder). Default: a fresh empty folder. */
  cwd?: string;
}

/** Spawns the dynamic-provider plugin and connects to it. */
export async function startDynamicPlugin(options: StartPluginOptions = {}): Promise<DynamicPlugin> {
  const pulumiDir = options.pulumiPackageDir ?? path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  return startProviderPlugin(
    process.execPath,
    [path.join(pulumiDir, "cmd", "dynamic-provider"), "127.0.0.1:1"],
    DYNAMIC_SERVICE_TYPE,
    options,
  );
}

/**
 * Spawns a provider plugin (`command args…`, which prints its port first, as the engine expects) and connects to it;
 * calls name `type` in their URNs until {@link ProviderPlugin.forType} says otherwise.
 */
export async function startProviderPlugin(
  command: string,
  args: readonly string[],
  type: string,
  options: Omit<StartPluginOptions, "pulumiPackageDir"> = {},
): Promise<ProviderPlugin> {
  const scratch = options.cwd === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), "provider-plugin-")) : undefined;
  const cwd = options.cwd ?? scratch ?? ".";
  const child = spawn(command, args, {
    cwd,
    env: { PULUMI_NODEJS_PROJECT: "plugin-harness", ...(options.env ?? process.env) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let firstLine = "";
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      firstLine += chunk.toString();
      const newline = firstLine.indexOf("\n");
      if (newline >= 0) {
        const value = Number(firstLine.slice(0, newline).trim());
        if (Number.isInteger(value) && value > 0) resolve(value);
        else reject(new Error(`the plugin's first line was not a port: ${firstLine}`));
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`the plugin exited with ${String(code)} before listening: ${output}`)),
    );
  });
  child.stdout?.removeAllListeners("data");
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return wrap(client, child, () => output, scratch, type, "service");
}

function wrap(
  client: provrpc.ResourceProviderClient,
  child: ChildProcess,
  output: () => string,
  scratch: string | undefined,
  type: string,
  name: string,
): ProviderPlugin {
  const call = <Res>(send: (callback: (err: grpc.ServiceError | null, res: Res) => void) => unknown): Promise<Res> =>
    new Promise<Res>((resolve, reject) => {
      send((err, res) => (err ? reject(toPluginError(err)) : resolve(res)));
    });
  const struct = (value: Props): Struct => Struct.fromJavaScript(value as Parameters<typeof Struct.fromJavaScript>[0]);
  const props = (value: Struct | undefined): Props => value?.toJavaScript() ?? {};
  const urn = `urn:pulumi:test::plugin-harness::${type}::${name}`;
  const diffCall = (id: string, olds: Props, news: Props): Promise<provproto.DiffResponse> => {
    const req = new provproto.DiffRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setType(type);
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    return call<provproto.DiffResponse>((cb) => client.diff(req, cb));
  };

  return {
    pid: child.pid ?? 0,
    output,
    forType: (otherType, otherName = name) => wrap(client, child, output, scratch, otherType, otherName),
    async getSchema() {
      const req = new provproto.GetSchemaRequest();
      const res = await call<provproto.GetSchemaResponse>((cb) => client.getSchema(req, cb));
      return res.getSchema();
    },
    async checkConfig(news) {
      const req = new provproto.CheckRequest();
      req.setUrn(`urn:pulumi:test::plugin-harness::pulumi:providers:${type.split(":")[0] ?? ""}::default`);
      req.setOlds(struct({}));
      req.setNews(struct(news));
      const res = await call<provproto.CheckResponse>((cb) => client.checkConfig(req, cb));
      return props(res.getInputs());
    },
    async configure(config, variables = {}) {
      const req = new provproto.ConfigureRequest();
      req.setArgs(struct(config));
      for (const [key, value] of Object.entries(variables)) req.getVariablesMap().set(key, value);
      req.setAcceptsecrets(false);
      await call((cb) => client.configure(req, cb));
    },
    async check(olds, news) {
      const req = new provproto.CheckRequest();
      req.setUrn(urn);
      req.setType(type);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res = await call<provproto.CheckResponse>((cb) => client.check(req, cb));
      return {
        inputs: props(res.getInputs()),
        failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },
    async diff(id, olds, news) {
      const res = await diffCall(id, olds, news);
      return {
        changes: changesOf(res),
        replaces: res.getReplacesList(),
        deleteBeforeReplace: res.getDeletebeforereplace(),
      };
    },
    async detailedDiff(id, olds, news) {
      const res = await diffCall(id, olds, news);
      const kindNames = Object.fromEntries(
        Object.entries(provproto.PropertyDiff.Kind).map(([name, value]) => [value, name]),
      ) as Record<number, string>;
      const detailed: Record<string, { kind: string; inputDiff: boolean }> = {};
      res.getDetaileddiffMap().forEach((diff, key) => {
        detailed[key] = { kind: kindNames[diff.getKind()] ?? "?", inputDiff: diff.getInputdiff() };
      });
      return {
        changes: changesOf(res),
        replaces: res.getReplacesList(),
        diffs: res.getDiffsList(),
        detailed: res.getHasdetaileddiff() ? detailed : undefined,
      };
    },
    async create(properties, timeoutSeconds = 0) {
      const req = new provproto.CreateRequest();
      req.setUrn(urn);
      req.setType(type);
      req.setProperties(struct(properties));
      req.setTimeout(timeoutSeconds);
      const res = await call<provproto.CreateResponse>((cb) => client.create(req, cb));
      return { id: res.getId(), properties: props(res.getProperties()) };
    },
    async read(id, properties) {
      const req = new provproto.ReadRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setType(type);
      req.setProperties(struct(properties));
      const res = await call<provproto.ReadResponse>((cb) => client.read(req, cb));
      const inputs = res.getInputs();
      return {
        id: res.getId(),
        properties: props(res.getProperties()),
        inputs: inputs === undefined ? undefined : props(inputs),
      };
    },
    async update(id, olds, news, timeoutSeconds = 0) {
      const req = new provproto.UpdateRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setType(type);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      req.setTimeout(timeoutSeconds);
      const res = await call<provproto.UpdateResponse>((cb) => client.update(req, cb));
      return { properties: props(res.getProperties()) };
    },
    async delete(id, properties, timeoutSeconds = 0) {
      const req = new provproto.DeleteRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setType(type);
      req.setProperties(struct(properties));
      req.setTimeout(timeoutSeconds);
      await call((cb) => client.delete(req, cb));
    },
    async invoke(token, args) {
      const req = new provproto.InvokeRequest();
      req.setTok(token);
      req.setArgs(struct(args));
      const res = await call<provproto.InvokeResponse>((cb) => client.invoke(req, cb));
      const outputs = res.getReturn();
      return {
        outputs: outputs === undefined ? undefined : props(outputs),
        failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },
    async cancel() {
      await call((cb) => client.cancel(new emptyproto.Empty(), cb));
    },
    async close() {
      client.close();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      if (scratch !== undefined) fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

function changesOf(res: provproto.DiffResponse): "none" | "some" | "unknown" {
  const kinds = {
    [provproto.DiffResponse.DiffChanges.DIFF_NONE]: "none",
    [provproto.DiffResponse.DiffChanges.DIFF_SOME]: "some",
  } as Record<number, "none" | "some">;
  return kinds[res.getChanges()] ?? "unknown";
}

function toPluginError(error: grpc.ServiceError): PluginCallError {
  const raw = error.metadata?.get("grpc-status-details-bin")[0];
  let partial: PartialFailure | undefined;
  if (raw !== undefined) {
    const status = statusproto.Status.deserializeBinary(new Uint8Array(raw as Buffer));
    for (const detail of status.getDetailsList()) {
      if (detail.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
      const failed = provproto.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
      partial = {
        message: status.getMessage(),
        id: failed.getId(),
        properties: failed.getProperties()?.toJavaScript() ?? {},
        reasons: failed.getReasonsList(),
      };
    }
  }
  return new PluginCallError(error.details || error.message, partial);
}
