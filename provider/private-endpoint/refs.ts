import type { ProviderName } from "../../regions/regions";
import type { RegistrationInputs } from "./inputs";

/** Which registration a call is about: the service (`privateLinkId`) and the cloud endpoint (`endpointServiceId`). */
export interface RegistrationRef {
  readonly projectId: string;
  readonly provider: ProviderName;
  /** The Atlas endpoint service id. */
  readonly serviceId: string;
  /** The cloud endpoint id as Atlas keys it (AWS vpce, Azure ARM id, GCP group or forwarding rule name). */
  readonly endpointId: string;
}

type RefInputs = Pick<RegistrationInputs, "projectId" | "providerName" | "privateLinkId" | "endpointServiceId">;

/** The registration a set of inputs points at. */
export function refOf(inputs: RefInputs): RegistrationRef {
  return {
    projectId: inputs.projectId,
    provider: inputs.providerName,
    serviceId: inputs.privateLinkId,
    endpointId: inputs.endpointServiceId,
  };
}

/**
 * The Pulumi id: `<privateLinkId>:<endpointServiceId>`, the Atlas service id and the cloud endpoint id. Both are needed
 * to address a registration, neither alone is unique, and no cloud endpoint id contains a colon (an Azure ARM id starts
 * with `/`, so a slash would read `…//subscriptions/…`).
 */
export function registrationId(inputs: Pick<RegistrationInputs, "privateLinkId" | "endpointServiceId">): string {
  return `${inputs.privateLinkId}:${inputs.endpointServiceId}`;
}

/** The two parts of a {@link registrationId}, or `undefined` for a text that is not one. */
export function parseRegistrationId(id: string): { privateLinkId: string; endpointServiceId: string } | undefined {
  const match = /^([0-9a-f]{24}):(.+)$/i.exec(id);
  return match?.[1] === undefined || match[2] === undefined
    ? undefined
    : { privateLinkId: match[1], endpointServiceId: match[2] };
}
