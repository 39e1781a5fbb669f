/**
 * The dynamic provider of `PrivateEndpointService`. This module's exports ARE the provider: the resource passes the
 * module object itself to `pulumi.dynamic.Resource`, so an installed package serializes it as a one-line
 * `require("<package>/provider")` (package.json maps that subpath here), and state always runs the installed code. Keep
 * the subpath and these names stable: states written by 0.1.0 require them.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { checkInputs } from "./check";
import { configureFrom, contextFor, endpointSettingsFailure } from "../plugin-state";
import { createService, type ProviderInputs } from "./create";
import { deleteAndWait } from "./delete";
import { diffService } from "./diff";
import { inputsOf, readService } from "./read";
import { subjectOf } from "./subject";
import { updateService } from "./update";

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
  const { inputs, failures } = checkInputs(news);
  const settingsFailure = endpointSettingsFailure();
  if (settingsFailure !== undefined) failures.push(settingsFailure);
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
  return createService(contextFor(subjectOf(typed)), typed);
}

/** Reads the service; a blank id only on a definite 404. */
export async function read(id: string, props: Record<string, unknown>): Promise<dynamic.ReadResult> {
  return readService(contextFor(subjectOf(inputsOf(props), id)), id, props);
}

/** Resumes an interrupted create and applies remote-region changes. */
export async function update(
  id: string,
  _olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<dynamic.UpdateResult> {
  const typed = news as unknown as ProviderInputs;
  return updateService(contextFor(subjectOf(typed, id)), id, typed);
}

/** Deletes the service and waits until Atlas no longer has it. */
async function deleteResource(id: string, props: Record<string, unknown>): Promise<void> {
  const inputs = inputsOf(props);
  await deleteAndWait(contextFor(subjectOf(inputs, id)), inputs, id);
}

export { deleteResource as delete };
