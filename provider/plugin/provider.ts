/**
 * The provider plugin's `Provider` (for `@pulumi/pulumi/provider`'s `main`): routes each call by the URN's type to a
 * {@link ResourceFace}, resolves configuration from `atlas-private-endpoint:*` and the environment, and hands the
 * lifecycle functions a context from the shared {@link ContextFactory}.
 */
import type * as pulumiProvider from "@pulumi/pulumi/provider";
import { checkEndpointSettings, type ConfigSource } from "../config";
import { ContextFactory } from "../context";
import { PartialCreateError } from "../partial-create-error";
import { PLUGIN_CONFIG, PLUGIN_PACKAGE, pluginConfigSource } from "./config";
import type { ResourceFace } from "./face";
import { packageSchema, tokenOf } from "./schema";
import { parseUrn, plainProperties, plainValue, secretValue } from "./values";

type Props = Record<string, unknown>;

/** The plugin's provider: `@pulumi/pulumi/provider`'s interface plus the configuration calls its server does not pass on. */
export class AtlasPluginProvider implements pulumiProvider.Provider {
  readonly version: string;
  private readonly faces: ReadonlyMap<string, ResourceFace>;
  private config: ConfigSource | undefined;
  private readonly contexts: ContextFactory;

  constructor(faces: readonly ResourceFace[], version: string) {
    this.version = version;
    this.faces = new Map(faces.map((face) => [tokenOf(face), face]));
    this.contexts = new ContextFactory(() => this.config);
  }

  /** The package schema (JSON). */
  getSchema(): Promise<string> {
    return Promise.resolve(JSON.stringify(packageSchema([...this.faces.values()], this.version)));
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
    const { inputs, failures } = this.face(urn).check(plainProperties(news));
    const settings = checkEndpointSettings(this.config);
    if (settings !== undefined) failures.push({ property: "baseUrl", reason: settings.message });
    return Promise.resolve(failures.length > 0 ? { inputs, failures } : { inputs });
  }

  diff(_id: string, urn: string, olds: unknown, news: unknown): Promise<pulumiProvider.DiffResult> {
    return Promise.resolve(this.face(urn).diff(plainProperties(olds), plainProperties(news)));
  }

  async create(urn: string, inputs: unknown): Promise<pulumiProvider.CreateResult> {
    const plain = plainProperties(inputs);
    const face = this.face(urn);
    const { id, outs } = await storable(face.create(this.context(face, urn, plain), plain));
    return { id, outs: plainValue(outs) };
  }

  async read(id: string, urn: string, props: unknown): Promise<pulumiProvider.ReadResult> {
    const plain = plainProperties(props);
    const face = this.face(urn);
    const result = await face.read(this.context(face, urn, plain), id, plain);
    return {
      id: result.id,
      props: plainValue(result.props),
      ...(result.inputs === undefined ? {} : { inputs: plainValue(result.inputs) }),
    };
  }

  async update(id: string, urn: string, olds: unknown, news: unknown): Promise<pulumiProvider.UpdateResult> {
    const plain = plainProperties(news);
    const face = this.face(urn);
    const { outs } = await storable(face.update(this.context(face, urn, plain), id, plainProperties(olds), plain));
    return { outs: plainValue(outs) };
  }

  async delete(id: string, urn: string, props: unknown): Promise<void> {
    const plain = plainProperties(props);
    const face = this.face(urn);
    await face.delete(this.context(face, urn, plain), id, plain);
  }

  private face(urn: string): ResourceFace {
    const { type } = parseUrn(urn);
    const face = this.faces.get(type);
    if (face === undefined) {
      throw new Error(`${PLUGIN_PACKAGE} has no resource type "${type}"; it has ${[...this.faces.keys()].join(", ")}`);
    }
    return face;
  }

  private context(face: ResourceFace, urn: string, props: Props): ReturnType<ContextFactory["forResource"]> {
    return this.contexts.forResource(face.subject(parseUrn(urn).name, props));
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
