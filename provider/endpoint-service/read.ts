import type { OperationContext } from "../context/operation-context";
import type { ReadAnswer } from "../lifecycle/description";
import { readOrGone } from "../lifecycle/read-or-gone";
import { INPUT_NAMES, type ServiceInputs } from "./inputs";
import { outputsFrom } from "./outputs";

/** 404 codes that mean "this service does not exist" (the project's own absence included). */
const GONE_CODES: readonly string[] = [
  "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND",
  "PRIVATELINK_NOT_FOUND",
  "RESOURCE_NOT_FOUND",
  "GROUP_NOT_FOUND",
];

/** Reads the service as Atlas has it now; gone only on a definite 404 (see {@link readOrGone}). */
export function readService(
  context: OperationContext,
  id: string,
  props: Record<string, unknown>,
): Promise<ReadAnswer> {
  const inputs = inputsOf(props);
  return readOrGone(context, {
    id,
    inputs: { ...inputs },
    what: `endpoint service ${id}`,
    goneCodes: GONE_CODES,
    fetch: () => context.client.getEndpointService(inputs.projectId, inputs.providerName, id),
    propsOf: (service) => outputsFrom(inputs, service),
  });
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
