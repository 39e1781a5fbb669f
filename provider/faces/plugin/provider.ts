/**
 * The provider plugin's `Provider` (for `@pulumi/pulumi/provider`'s `main`): routes each call by the URN's type to a
 * {@link ResourceDescription} (and each `Invoke` by its token to a lookup), resolves configuration from
 * `atlas-private-endpoint:*` and the environment, and hands the lifecycle functions a context from the shared
 * {@link ContextFactory} whose progress lines go to the engine's log, which the engine's `Cancel` aborts, which carries
 * the engine's deadline (`customTimeouts`) and the stack's journal of creates in flight.
 */
import type * as pulumiProvider from "@pulumi/pulumi/provider";
import { fileJournal } from "../../context/create-journal";
import { checkEndpointSettings, type ConfigSource } from "../../context/settings";
import { ContextFactory, type EngineTimeout, type OperationContext } from "../../context/operation-context";
import type { DiffAnswer } from "../../lifecycle/diffs";
import { PartialCreateError } from "../../lifecycle/partial-create-error";
import { PLUGIN_CONFIG, PLUGIN_PACKAGE, pluginConfigSource } from "./config";
import { subjectOf, type LookupDescription, type ResourceDescription } from "../../lifecycle/description";
import type { EngineConnection } from "../engine-connection";
import { checkLookupArgs } from "./lookup-args";
import { packageSchema, tokenOf } from "./schema";
import { parseUrn, plainProperties, plainValue, secretValue } from "./values";

type Props = Record<string, unknown>;

/** Which operation the engine's timeout was sent with. */
export type TimedOperation = "create" | "update" | "delete";

/** What `diff` answers, with the input names of the resource (for the detailed diff's `inputDiff`). */
export interface PluginDiff extends DiffAnswer {
  readonly inputNames: readonly string[];
}

/** The plugin's provider: `@pulumi/pulumi/provider`'s interface plus what its server does not pass on. */
export class AtlasPluginProvider implements pulumiProvider.Provider {
  readonly version: string;
  private readonly resources: ReadonlyMap<string, ResourceDescription>;
  private readonly lookups: ReadonlyMap<string, LookupDescription>;
  private config: ConfigSource | undefined;
  private readonly contexts: ContextFactory;
  private readonly cancellation = new AbortController();
  private engine: EngineConnection | undefined;

  constructor(resources: readonly ResourceDescription[], version: string) {
    this.version = version;
    this.resources = new Map(resources.map((resource) => [tokenOf(resource), resource]));
    this.lookups = new Map(resources.flatMap((resource) => resource.lookups.map((l) => [tokenOf(l), l] as const)));
    this.contexts = new ContextFactory(() => this.config);
  }

  /** The engine this plugin reports progress lines to (from the address it was started with). */
  attachEngine(engine: EngineConnection): void {
    this.engine = engine;
  }

  /** The package schema (JSON). */
  getSchema(): Promise<string> {
    return Promise.resolve(JSON.stringify(packageSchema([...this.resources.values()], this.version)));
  }

  /**
   * The provider's inputs with credentials marked secret, so state keeps them encrypted even when they were set
   * without `--secret`.
   */
  checkConfig(news: Props): Props {
    const inputs: Props = {};
    for (const [key, value] of Object.entries(plainProperties(news))) {
      inputs[key] = PLUGIN_CONFIG[key]?.secret === true ? secretValue(value) : value;
    }
    return inputs;
  }

  /**
   * Keeps the configuration: the provider's inputs (`baseUrl`), or else the `atlas-private-endpoint:config:baseUrl`
   * variables. Values are kept as text, as the shared settings expect.
   */
  configure(args: Props, variables: Readonly<Record<string, string>>): void {
    const values: Record<string, string> = {};
    const plain = plainProperties(args);
    for (const name of Object.keys(PLUGIN_CONFIG)) {
      const value = plain[name] ?? variables[`${PLUGIN_PACKAGE}:config:${name}`];
      if (value !== undefined && value !== null && value !== "") {
        values[name] = typeof value === "string" ? value : JSON.stringify(value);
      }
    }
    this.config = pluginConfigSource(values);
  }

  /** The engine's `Cancel` (a first Ctrl-C, a pipeline's stop): every wait in progress ends at once. */
  cancel(): Promise<void> {
    this.cancellation.abort();
    return Promise.resolve();
  }

  check(urn: string, _olds: unknown, news: unknown): Promise<pulumiProvider.CheckResult> {
    const { inputs, failures } = this.resource(urn).check(plainProperties(news));
    const settings = checkEndpointSettings(this.config);
    if (settings !== undefined) failures.push({ property: "baseUrl", reason: settings.message });
    return Promise.resolve(failures.length > 0 ? { inputs, failures } : { inputs });
  }

  diff(_id: string, urn: string, olds: unknown, news: unknown): Promise<PluginDiff> {
    const resource = this.resource(urn);
    const answer = resource.diff(plainProperties(olds), plainProperties(news));
    return Promise.resolve({ ...answer, inputNames: Object.keys(resource.schema.inputs) });
  }

  async create(urn: string, inputs: unknown, timeoutSeconds = 0): Promise<pulumiProvider.CreateResult> {
    const plain = plainProperties(inputs);
    const resource = this.resource(urn);
    const context = this.context(resource, urn, "", plain, timed("create", timeoutSeconds));
    const { id, outs } = await storable(resource.create(context, plain));
    return { id, outs: plainValue(outs) };
  }

  /**
   * A refresh reads what state holds. An import (`pulumi import`, or the `import` resource option) sends no
   * properties and the import id as `id`: the resource's import id names what to read, and the answer carries the
   * inputs a program writes to see no change, and the Pulumi id the engine keeps.
   */
  async read(id: string, urn: string, props: unknown): Promise<pulumiProvider.ReadResult> {
    const plain = plainProperties(props);
    const resource = this.resource(urn);
    if (Object.keys(plain).length === 0) {
      const start = resource.importId.parse(id);
      const imported = await resource.importId.read(this.context(resource, urn, start.id, start.props), start);
      return { id: imported.id, props: plainValue(imported.props), inputs: plainValue(imported.inputs) };
    }
    const result = await resource.read(this.context(resource, urn, id, plain), id, plain);
    return {
      id: result.id,
      props: plainValue(result.props),
      ...(result.inputs === undefined ? {} : { inputs: plainValue(result.inputs) }),
    };
  }

  async update(
    id: string,
    urn: string,
    olds: unknown,
    news: unknown,
    timeoutSeconds = 0,
  ): Promise<pulumiProvider.UpdateResult> {
    const plain = plainProperties(news);
    const resource = this.resource(urn);
    const context = this.context(resource, urn, id, plain, timed("update", timeoutSeconds));
    const { outs } = await storable(resource.update(context, id, plainProperties(olds), plain));
    return { outs: plainValue(outs) };
  }

  async delete(id: string, urn: string, props: unknown, timeoutSeconds = 0): Promise<void> {
    const plain = plainProperties(props);
    const resource = this.resource(urn);
    await resource.delete(this.context(resource, urn, id, plain, timed("delete", timeoutSeconds)), id, plain);
  }

  /** A lookup (`fn::invoke`, `get_…` in Python): its arguments checked like a resource's inputs, then the same call. */
  async invoke(token: string, inputs: unknown): Promise<pulumiProvider.InvokeResult> {
    const lookup = this.lookups.get(token);
    if (lookup === undefined) {
      throw new Error(`${PLUGIN_PACKAGE} has no function "${token}"; it has ${[...this.lookups.keys()].join(", ")}`);
    }
    const args = plainProperties(inputs);
    const failures = checkLookupArgs(lookup, args);
    if (failures.length > 0) return { failures };
    const { client } = this.contexts.forResource({ type: lookup.name, name: "invoke" });
    return { outputs: plainValue(await lookup.run(client, args)) };
  }

  private resource(urn: string): ResourceDescription {
    const { type } = parseUrn(urn);
    const resource = this.resources.get(type);
    if (resource === undefined) {
      throw new Error(
        `${PLUGIN_PACKAGE} has no resource type "${type}"; it has ${[...this.resources.keys()].join(", ")}`,
      );
    }
    return resource;
  }

  private context(
    resource: ResourceDescription,
    urn: string,
    id: string,
    props: Props,
    engineTimeout?: EngineTimeout,
  ): OperationContext {
    const { name, stack, project } = parseUrn(urn);
    const engine = this.engine;
    return this.contexts.forResource(subjectOf(resource, name, resource.inputsOf(props, id)), {
      signal: this.cancellation.signal,
      ...(engine === undefined ? {} : { log: (message: string) => engine.log(urn, message) }),
      ...(engineTimeout === undefined ? {} : { engineTimeout }),
      journal: fileJournal(
        () => Promise.resolve({ project, stack }),
        (message) => console.error(message),
      ),
    });
  }
}

/** The engine's timeout of one operation (seconds, 0 for none) as a context's deadline. */
function timed(operation: TimedOperation, seconds: number): EngineTimeout | undefined {
  return seconds > 0 ? { ms: Math.round(seconds * 1000), name: `customTimeouts.${operation}` } : undefined;
}

/**
 * A partial create's properties as the server can send them (a protobuf Struct refuses `undefined`, and the dynamic
 * face's `__provider` is absent here).
 */
async function storable<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    if (error instanceof PartialCreateError) {
      throw new PartialCreateError(error.message, error.id, plainProperties(error.properties));
    }
    throw error;
  }
}
