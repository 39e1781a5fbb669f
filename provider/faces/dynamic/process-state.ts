/**
 * What the dynamic providers keep between calls in one plugin process: the stack configuration from `configure`, and
 * the contexts (Atlas clients) built from it. Every resource's provider module shares it, so one `pulumi up` shares one
 * digest session, service-account token and per-project request budget across services and registrations.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { CONFIG_KEYS, checkEndpointSettings, type ConfigSource } from "../../context/settings";
import {
  ContextFactory,
  POLL_TIME_SCALE_KEY,
  type OperationContext,
  type ResourceSubject,
} from "../../context/operation-context";

interface PluginState {
  /** Settings from `configure`, copied into a plain object (the engine's config object is not ours to keep). */
  stackConfig?: ConfigSource;
  /** The settings' text, to tell a repeated `configure` (one per provider module) from a changed one. */
  stackConfigText?: string;
  contexts?: ContextFactory;
}

/** A string, not a symbol: symbols do not survive a by-value copy of a provider module. */
const STATE_KEY = "__pulumiAtlasPrivateEndpointProviderState";

/**
 * The state lives on the global object, not in module variables: were a provider module ever serialized by value (a
 * linked rather than installed package), module variables would be copied into `__provider` in state, credentials
 * included.
 */
function pluginState(): PluginState {
  const global = globalThis as typeof globalThis & { [STATE_KEY]?: PluginState };
  return (global[STATE_KEY] ??= {});
}

/** Keeps the stack configuration the engine sends; each provider module receives it once per plugin process. */
export function configureFrom(request: dynamic.ConfigureRequest): void {
  const values: Record<string, string> = {};
  for (const key of [...Object.values(CONFIG_KEYS), POLL_TIME_SCALE_KEY]) {
    const value = request.config.get(key);
    if (value !== undefined) values[key] = value;
  }
  const state = pluginState();
  const text = JSON.stringify(values);
  if (state.stackConfigText === text) return;
  state.stackConfig = { get: (key) => values[key] };
  state.stackConfigText = text;
  delete state.contexts;
}

/** A problem with the configured base URL, as a check failure, or `undefined`. */
export function endpointSettingsFailure(): { property: string; reason: string } | undefined {
  const problem = checkEndpointSettings(pluginState().stackConfig);
  return problem === undefined ? undefined : { property: "baseUrl", reason: problem.message };
}

/** A context for one operation; see {@link ContextFactory.forResource}. */
export function contextFor(subject: ResourceSubject): OperationContext {
  const state = pluginState();
  state.contexts ??= new ContextFactory(() => pluginState().stackConfig);
  return state.contexts.forResource(subject);
}
