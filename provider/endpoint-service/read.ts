import type { OperationContext } from "../context/operation-context";
import type { ReadAnswer } from "../lifecycle/description";
import { readOrGone } from "../lifecycle/read-or-gone";
import { isReadyStatus } from "../lifecycle/service-status";
import { isUnfinishedCreate } from "../lifecycle/unfinished-create";
import { INPUT_NAMES, type ServiceInputs } from "./inputs";
import { outputsFrom } from "./outputs";
import { findUnconfirmed, serviceIdOf, storedWindow } from "./unconfirmed";
import { storedInputs } from "../lifecycle/stored-inputs";

/**
 * Reads the service as Atlas has it now; gone only on a 404 about it (see {@link readOrGone}). An unconfirmed create is
 * read as the service its request made (found by region and creation time), and Atlas' id is returned, so a refresh
 * records it as the resource's id; with none found it is gone. The unfinished-create mark stays until it is ready.
 */
export async function readService(
  context: OperationContext,
  id: string,
  props: Record<string, unknown>,
): Promise<ReadAnswer> {
  const inputs = inputsOf(props);
  let serviceId = serviceIdOf(id, props);
  if (serviceId === undefined) {
    const window = storedWindow(props);
    const found = window === undefined ? undefined : await findUnconfirmed(context, inputs, window);
    if (found === undefined) {
      context.log(`Atlas has no endpoint service made by the unconfirmed create request; nothing was created`);
      return { id: "", props: {} };
    }
    serviceId = found.id;
  }
  const stillCreating = isUnfinishedCreate(props);
  return readOrGone(context, {
    id: serviceId,
    inputs: { ...inputs },
    what: `endpoint service ${serviceId}`,
    fetch: () => context.client.getEndpointService(inputs.projectId, inputs.providerName, serviceId),
    propsOf: (service) => ({
      ...outputsFrom(inputs, service),
      unfinishedCreate: stillCreating && !isReadyStatus(service.status),
    }),
  });
}

/**
 * The inputs part of stored properties. Outputs share two names with inputs (`supportedRemoteRegions`,
 * `portMappingEnabled`) and hold Atlas' value there; empty values are dropped so they read as "not set".
 */
export function inputsOf(props: Record<string, unknown>): ServiceInputs {
  return storedInputs(props, INPUT_NAMES, { emptyListIsUnset: true }) as unknown as ServiceInputs;
}
