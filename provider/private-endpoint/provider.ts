/**
 * The dynamic provider of `PrivateEndpoint`. This module's exports ARE the provider: the resource passes the module
 * object itself to `pulumi.dynamic.Resource`, so an installed package serializes it as a one-line
 * `require("<package>/provider/private-endpoint")` (package.json maps that subpath here), and state always runs the
 * installed code. Keep the subpath and these names stable: states require them forever.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { configureFrom, contextFor, endpointSettingsFailure } from "../plugin-state";
import { checkRegistrationInputs } from "./check";
import { createRegistration, type ProviderInputs } from "./create";
import { deleteRegistrationAndWait } from "./delete";
import { diffRegistration } from "./diff";
import { inputsOf, readRegistration } from "./read";
import { subjectOf } from "./subject";
import { updateRegistration } from "./update";

/** Receives the stack configuration once per plugin process, before any other call. */
export async function configure(request: dynamic.ConfigureRequest): Promise<void> {
  configureFrom(request);
  return Promise.resolve();
}

/** Validates inputs without calling Atlas; runs in preview too. */
export async function check(
  _olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<dynamic.CheckResult> {
  const { inputs, failures } = checkRegistrationInputs(news);
  const settingsFailure = endpointSettingsFailure();
  if (settingsFailure !== undefined) failures.push(settingsFailure);
  return Promise.resolve(failures.length > 0 ? { inputs, failures } : { inputs });
}

/** Decides replace and replace order; see {@link diffRegistration}. */
export async function diff(
  _id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<dynamic.DiffResult> {
  return Promise.resolve(diffRegistration(olds, news));
}

/** Registers the cloud endpoint and waits until it is AVAILABLE; never loses a registration Atlas may hold. */
export async function create(inputs: Record<string, unknown>): Promise<dynamic.CreateResult> {
  const typed = inputs as unknown as ProviderInputs;
  return createRegistration(contextFor(subjectOf(typed)), typed);
}

/** Reads the registration; a blank id only on a definite 404. */
export async function read(id: string, props: Record<string, unknown>): Promise<dynamic.ReadResult> {
  return readRegistration(contextFor(subjectOf(inputsOf(props, id), id)), id, props);
}

/** Stores new deadlines and flags, and resumes an unfinished create. */
export async function update(
  id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<dynamic.UpdateResult> {
  const typed = news as unknown as ProviderInputs;
  return updateRegistration(contextFor(subjectOf(typed, id)), olds, typed);
}

/** Deletes the registration and waits until Atlas no longer has it. */
async function deleteResource(id: string, props: Record<string, unknown>): Promise<void> {
  const inputs = inputsOf(props, id);
  await deleteRegistrationAndWait(contextFor(subjectOf(inputs, id)), inputs);
}

export { deleteResource as delete };
