import type { OperationContext } from "../context/operation-context";
import type { ReadAnswer } from "../lifecycle/description";
import { readOrGone } from "../lifecycle/read-or-gone";
import { INPUT_NAMES, type RegistrationInputs } from "./inputs";
import { outputsFrom } from "./outputs";
import { parseRegistrationId, refOf } from "./refs";

/** 404 codes that mean "this registration does not exist" (its service's or project's absence included). */
const GONE_CODES: readonly string[] = [
  "PRIVATELINK_INTERFACE_ENDPOINT_NOT_FOUND",
  "PRIVATE_ENDPOINT_NOT_FOUND",
  "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND",
  "PRIVATELINK_NOT_FOUND",
  "RESOURCE_NOT_FOUND",
  "GROUP_NOT_FOUND",
];

/**
 * Reads the registration as Atlas has it now; gone only on a definite 404 (see {@link readOrGone}). A `REJECTED` or
 * `FAILED` registration is read like any other: its status and `errorMessage` are outputs, and `diff` replaces it.
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
    goneCodes: GONE_CODES,
    fetch: () => context.client.getRegistration(ref.projectId, ref.provider, ref.serviceId, ref.endpointId),
    propsOf: (registration) => outputsFrom(inputs, registration),
  });
}

/**
 * The inputs part of stored properties. Two outputs share an input's name (`privateEndpointIpAddress`, `endpoints`)
 * and hold Atlas' value there: endpoints lose their status, empty values are dropped so they read as "not set". The
 * two ids come from the resource id when the properties lack them.
 */
export function inputsOf(props: Record<string, unknown>, id = ""): RegistrationInputs {
  const inputs: Record<string, unknown> = {};
  for (const name of INPUT_NAMES) {
    const value = props[name];
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    inputs[name] =
      name === "endpoints" && Array.isArray(value)
        ? (value as Record<string, unknown>[]).map((e) => ({
            endpointName: e["endpointName"],
            ipAddress: e["ipAddress"],
          }))
        : value;
  }
  const fromId = parseRegistrationId(id);
  if (fromId !== undefined) {
    inputs["privateLinkId"] ??= fromId.privateLinkId;
    inputs["endpointServiceId"] ??= fromId.endpointServiceId;
  }
  return inputs as unknown as RegistrationInputs;
}
