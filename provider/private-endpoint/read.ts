import { isAtlasApiError } from "../atlas/errors";
import type { OperationContext } from "../context/operation-context";
import { INPUT_NAMES, type RegistrationInputs, type RegistrationOutputs } from "./inputs";
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
 * Reads the registration as Atlas has it now. Only a definite 404 means gone (a blank id); 401/403/5xx and network
 * errors are errors. A `REJECTED` or `FAILED` registration is read like any other: its status and `errorMessage` are
 * outputs, and `diff` replaces it on the next `up`.
 */
export async function readRegistration(
  context: OperationContext,
  id: string,
  props: Record<string, unknown>,
): Promise<{ id: string; props: RegistrationOutputs | Record<string, never>; inputs?: Record<string, unknown> }> {
  const inputs = inputsOf(props, id);
  const ref = refOf(inputs);
  try {
    const registration = await context.client.getRegistration(
      ref.projectId,
      ref.provider,
      ref.serviceId,
      ref.endpointId,
    );
    return { id, props: outputsFrom(inputs, registration), inputs: { ...inputs } };
  } catch (error) {
    if (isAtlasApiError(error) && error.status === 404 && GONE_CODES.includes(error.errorCode ?? "")) {
      context.log(`the registration no longer exists in Atlas (${String(error.errorCode)})`);
      return { id: "", props: {} };
    }
    throw error;
  }
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
