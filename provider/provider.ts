/**
 * The dynamic provider of `PrivateEndpointService`. This module's exports ARE the provider: the resource passes the
 * module object itself to `pulumi.dynamic.Resource`, so an installed package serializes it as a one-line
 * `require("<package>/provider")`, and state always runs the installed code. Keep this subpath and these names stable.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { checkInputs } from "./check";
import { CONFIG_KEYS, checkEndpointSettings, type ConfigSource } from "./config";
import { ContextFactory, POLL_TIME_SCALE_KEY } from "./context";
import { createService, type ProviderInputs } from "./create";
import { deleteAndWait } from "./delete";
import { diffService } from "./diff";
import { inputsOf, readService } from "./read";
import { updateService } from "./update";

/** What `configure` leaves for later calls. It holds secrets, so it must never be captured by serialization. */
interface ProviderState {
  /** Settings from `configure`, copied into a plain object (the engine's config object is not ours to keep). */
  stackConfig?: ConfigSource;
  contexts?: ContextFactory;
}

/** A string, not a symbol: symbols do not survive a by-value copy of this module. */
const STATE_KEY = "__pulumiAtlasPrivateEndpointProviderState";

/**
 * The state lives on the global object, not in module variables: were this module ever serialized by value (a linked
 * rather than installed package), module variables would be copied into `__provider` in state, credentials included.
 */
function providerState(): ProviderState {
  const global = globalThis as typeof globalThis & { [STATE_KEY]?: ProviderState };
  return (global[STATE_KEY] ??= {});
}

function contextFactory(): ContextFactory {
  const state = providerState();
  state.contexts ??= new ContextFactory(() => providerState().stackConfig);
  return state.contexts;
}

/** Receives the stack configuration once per plugin process, before any other call. */
export async function configure(request: dynamic.ConfigureRequest): Promise<void> {
  const values: Record<string, string> = {};
  for (const key of [...Object.values(CONFIG_KEYS), POLL_TIME_SCALE_KEY]) {
    const value = request.config.get(key);
    if (value !== undefined) values[key] = value;
  }
  const state = providerState();
  state.stackConfig = { get: (key) => values[key] };
  delete state.contexts;
  return Promise.resolve();
}

/** Validates inputs without calling Atlas; runs in preview too. */
export async function check(
  _olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<dynamic.CheckResult> {
  const { inputs, failures } = checkInputs(news);
  const settingsProblem = checkEndpointSettings(providerState().stackConfig);
  if (settingsProblem !== undefined) failures.push({ property: "baseUrl", reason: settingsProblem.message });
  return Promise.resolve(failures.length > 0 ? { inputs, failures } : { inputs });
}

/** Decides update, replace and replace order; see {@link diffService}. */
export async function diff(
  _id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<dynamic.DiffResult> {
  return Promise.resolve(diffService(olds, news));
}

/** POSTs the service and waits until it is ready; never loses a service Atlas has given an id. */
export async function create(inputs: Record<string, unknown>): Promise<dynamic.CreateResult> {
  const typed = inputs as unknown as ProviderInputs;
  return createService(contextFactory().forResource(typed), typed);
}

/** Reads the service; a blank id only on a definite 404. */
export async function read(id: string, props: Record<string, unknown>): Promise<dynamic.ReadResult> {
  return readService(contextFactory().forResource(inputsOf(props), id), id, props);
}

/** Resumes an interrupted create and applies remote-region changes. */
export async function update(
  id: string,
  _olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<dynamic.UpdateResult> {
  const typed = news as unknown as ProviderInputs;
  return updateService(contextFactory().forResource(typed, id), id, typed);
}

/** Deletes the service and waits until Atlas no longer has it. */
async function deleteResource(id: string, props: Record<string, unknown>): Promise<void> {
  const inputs = inputsOf(props);
  await deleteAndWait(contextFactory().forResource(inputs, id), inputs, id);
}

export { deleteResource as delete };
