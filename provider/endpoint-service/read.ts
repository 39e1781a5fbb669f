import { isAtlasApiError } from "../atlas/errors";
import type { OperationContext } from "../context/operation-context";
import { INPUT_NAMES, type ServiceInputs, type ServiceOutputs } from "./inputs";
import { outputsFrom } from "./outputs";

/** 404 codes that mean "this service does not exist" (the project's own absence included). */
const GONE_CODES: readonly string[] = [
  "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND",
  "PRIVATELINK_NOT_FOUND",
  "RESOURCE_NOT_FOUND",
  "GROUP_NOT_FOUND",
];

/**
 * Reads the service as Atlas has it now. Only a definite 404 means gone (a blank id, so refresh drops it and the next
 * `up` recreates it); 401/403/5xx and network errors are errors, never "gone".
 */
export async function readService(
  context: OperationContext,
  id: string,
  props: Record<string, unknown>,
): Promise<{ id: string; props: ServiceOutputs | Record<string, never>; inputs?: Record<string, unknown> }> {
  const inputs = inputsOf(props);
  try {
    const service = await context.client.getEndpointService(inputs.projectId, inputs.providerName, id);
    return { id, props: outputsFrom(inputs, service), inputs: { ...inputs } };
  } catch (error) {
    if (isAtlasApiError(error) && error.status === 404 && GONE_CODES.includes(error.errorCode ?? "")) {
      context.log(`endpoint service ${id} no longer exists in Atlas (${String(error.errorCode)})`);
      return { id: "", props: {} };
    }
    throw error;
  }
}

/**
 * The inputs part of stored properties. Outputs share two names with inputs (`supportedRemoteRegions`,
 * `portMappingEnabled`) and hold Atlas' value there; empty values are dropped so they read as "not set".
 */
export function inputsOf(props: Record<string, unknown>): ServiceInputs {
  const inputs: Record<string, unknown> = {};
  for (const name of INPUT_NAMES) {
    const value = props[name];
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    inputs[name] = value;
  }
  return inputs as unknown as ServiceInputs;
}
