import type { OperationContext } from "../context/operation-context";
import type { ReadAnswer } from "../lifecycle/description";
import { readOrGone } from "../lifecycle/read-or-gone";
import { INPUT_NAMES, type RegistrationInputs } from "./inputs";
import { outputsFrom } from "./outputs";
import { parseRegistrationId, refOf } from "./refs";
import { DELETED_STATUS, judge, viewOf } from "./status";
import { isUnfinishedCreate } from "../lifecycle/unfinished-create";
import { storedInputs } from "../lifecycle/stored-inputs";

/**
 * Reads the registration as Atlas has it now; gone on a 404 about it (see {@link readOrGone}) or GCP's `DELETED`. A
 * `REJECTED` or `FAILED` registration is read like any other: its status and `errorMessage` are outputs, and `diff`
 * replaces it. The unfinished-create mark stays until the registration is ready.
 */
export function readRegistration(
  context: OperationContext,
  id: string,
  props: Record<string, unknown>,
): Promise<ReadAnswer> {
  const inputs = inputsOf(props, id);
  const ref = refOf(inputs);
  return readOrGone(context, {
    id,
    inputs: { ...inputs },
    what: "the registration",
    fetch: () => context.client.getRegistration(ref.projectId, ref.provider, ref.serviceId, ref.endpointId),
    propsOf: (registration) => ({
      ...outputsFrom(inputs, registration),
      unfinishedCreate: isUnfinishedCreate(props) && judge(viewOf(ref.provider, registration)).kind !== "ready",
    }),
    goneAnswer: (registration) =>
      judge(viewOf(ref.provider, registration)).kind === "gone" ? DELETED_STATUS : undefined,
  });
}

/**
 * The inputs part of stored properties. Two outputs share an input's name (`privateEndpointIpAddress`, `endpoints`)
 * and hold Atlas' value there: endpoints lose their status, empty values are dropped so they read as "not set". The
 * two ids come from the resource id when the properties lack them.
 */
export function inputsOf(props: Record<string, unknown>, id = ""): RegistrationInputs {
  const inputs = storedInputs(props, INPUT_NAMES, { emptyListIsUnset: true });
  if (Array.isArray(inputs["endpoints"])) {
    inputs["endpoints"] = (inputs["endpoints"] as Record<string, unknown>[]).map((e) => ({
      endpointName: e["endpointName"],
      ipAddress: e["ipAddress"],
    }));
  }
  const fromId = parseRegistrationId(id);
  if (fromId !== undefined) {
    inputs["privateLinkId"] ??= fromId.privateLinkId;
    inputs["endpointServiceId"] ??= fromId.endpointServiceId;
  }
  return inputs as unknown as RegistrationInputs;
}
