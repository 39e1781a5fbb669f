/**
 * The provider plugin's `Provider` (for `@pulumi/pulumi/provider`'s `main`): routes each call by the URN's type to a
 * {@link ResourceDescription}, resolves configuration from `atlas-private-endpoint:*` and the environment, and hands the
 * lifecycle functions a context from the shared {@link ContextFactory}.
 */
import type * as pulumiProvider from "@pulumi/pulumi/provider";
import { checkEndpointSettings, type ConfigSource } from "../../context/settings";
import { ContextFactory, type OperationContext } from "../../context/operation-context";
import { PartialCreateError } from "../../lifecycle/partial-create-error";
import { PLUGIN_CONFIG, PLUGIN_PACKAGE, pluginConfigSource } from "./config";
import { subjectOf, type ResourceDescription } from "../../lifecycle/description";
import { packageSchema, tokenOf } from "./schema";
import { parseUrn, plainProperties, plainValue, secretValue } from "./values";

type Props = Record<string, unknown>;

/** The plugin's provider: `@pulumi/pulumi/provider`'s interface plus the configuration calls its server does not pass on. */
export class AtlasPluginProvider implements pulumiProvider.Provider {
  readonly version: string;
  private readonly resources: ReadonlyMap<string, ResourceDescription>;
  private config: ConfigSource | undefined;
  private readonly contexts: ContextFactory;

  constructor(resources: readonly ResourceDescription[], version: string) {
    this.version = version;
    this.resources = new Map(resources.map((resource) => [tokenOf(resource), resource]));
    this.contexts = new ContextFactory(() => this.config);
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

  check(urn: string, _olds: unknown, news: unknown): Promise<pulumiProvider.CheckResult> {
    const { inputs, failures } = this.resource(urn).check(plainProperties(news));
    const settings = checkEndpointSettings(this.config);
    if (settings !== undefined) failures.push({ property: "baseUrl", reason: settings.message });
    return Promise.resolve(failures.length > 0 ? { inputs, failures } : { inputs });
  }

  diff(_id: string, urn: string, olds: unknown, news: unknown): Promise<pulumiProvider.DiffResult> {
    return Promise.resolve(this.resource(urn).diff(plainProperties(olds), plainProperties(news)));
  }

  async create(urn: string, inputs: unknown): Promise<pulumiProvider.CreateResult> {
    const plain = plainProperties(inputs);
    const resource = this.resource(urn);
    const { id, outs } = await storable(resource.create(this.context(resource, urn, "", plain), plain));
    return { id, outs: plainValue(outs) };
  }

  async read(id: string, urn: string, props: unknown): Promise<pulumiProvider.ReadResult> {
    const plain = plainProperties(props);
    const resource = this.resource(urn);
    const result = await resource.read(this.context(resource, urn, id, plain), id, plain);
    return {
      id: result.id,
      props: plainValue(result.props),
      ...(result.inputs === undefined ? {} : { inputs: plainValue(result.inputs) }),
    };
  }

  async update(id: string, urn: string, olds: unknown, news: unknown): Promise<pulumiProvider.UpdateResult> {
    const plain = plainProperties(news);
    const resource = this.resource(urn);
    const { outs } = await storable(
      resource.update(this.context(resource, urn, id, plain), id, plainProperties(olds), plain),
    );
    return { outs: plainValue(outs) };
  }

  async delete(id: string, urn: string, props: unknown): Promise<void> {
    const plain = plainProperties(props);
    const resource = this.resource(urn);
    await resource.delete(this.context(resource, urn, id, plain), id, plain);
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

  private context(resource: ResourceDescription, urn: string, id: string, props: Props): OperationContext {
    return this.contexts.forResource(subjectOf(resource, parseUrn(urn).name, resource.inputsOf(props, id)));
  }
}

/**
 * A partial create's properties as the SDK's server can send them (a protobuf Struct refuses `undefined`, and the
 * dynamic face's `__provider` is absent here).
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
