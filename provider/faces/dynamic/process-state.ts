/**
 * What the dynamic providers keep between calls in one plugin process: the stack configuration from `configure`, the
 * contexts (Atlas clients) built from it, and, inside Pulumi's dynamic-provider host, the engine that started it.
 * Every resource's provider module shares it, so one `pulumi up` shares one digest session, service-account token and
 * per-project request budget across services and registrations.
 *
 * The host answers the engine's `Cancel` itself, with nothing, so a cancelled run cannot end our waits here. What the
 * face does instead: creates note their POST in the stack's journal (the stack is asked of the engine), so a run killed
 * mid-create leaves a record the next run takes the object back from; and the process leaves once the engine is gone
 * (a CLI killed hard would otherwise leave it finishing a wait nobody reads).
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { fileJournal, type CreateJournal } from "../../context/create-journal";
import { CONFIG_KEYS, checkEndpointSettings, type ConfigSource } from "../../context/settings";
import {
  ContextFactory,
  POLL_TIME_SCALE_KEY,
  type OperationContext,
  type ResourceSubject,
} from "../../context/operation-context";
import { EngineConnection, engineAddressOf } from "../engine-connection";

interface PluginState {
  /** Settings from `configure`, copied into a plain object (the engine's config object is not ours to keep). */
  stackConfig?: ConfigSource;
  /** The settings' text, to tell a repeated `configure` (one per provider module) from a changed one. */
  stackConfigText?: string;
  contexts?: ContextFactory;
  /** Inside the dynamic-provider host: the journal of the engine's stack (set up once per process). */
  host?: { readonly journal: CreateJournal };
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

/**
 * The engine that started this process, when it is Pulumi's dynamic-provider host
 * (`node …/cmd/dynamic-provider/index.js <engine address>`); `undefined` elsewhere (a test calling a module directly).
 */
function hostEngine(argv: readonly string[] = process.argv): EngineConnection | undefined {
  if (!/[\\/]cmd[\\/]dynamic-provider([\\/]index\.js)?$/.test(argv[1] ?? "")) return undefined;
  const address = engineAddressOf(argv.slice(2));
  return address === undefined ? undefined : new EngineConnection(address);
}

/** Sets up, once per process, what the host's engine gives: the stack's journal and the watch for its end. */
function attachHost(state: PluginState): void {
  if (state.host !== undefined) return;
  const engine = hostEngine();
  state.host = {
    journal: fileJournal(
      () => engine?.stack() ?? Promise.resolve(undefined),
      (message) => console.log(message),
    ),
  };
  engine?.watch(() => {
    console.error("the Pulumi engine that started this provider is gone; exiting");
    process.exit(1);
  });
}

/** Keeps the stack configuration the engine sends; each provider module receives it once per plugin process. */
export function configureFrom(request: dynamic.ConfigureRequest): void {
  const values: Record<string, string> = {};
  for (const key of [...Object.values(CONFIG_KEYS), POLL_TIME_SCALE_KEY]) {
    const value = request.config.get(key);
    if (value !== undefined) values[key] = value;
  }
  const state = pluginState();
  attachHost(state);
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
  return state.contexts.forResource(subject, state.host === undefined ? {} : { journal: state.host.journal });
}
