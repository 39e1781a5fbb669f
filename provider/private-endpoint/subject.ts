import type { ResourceSubject } from "../context";
import type { RegistrationInputs } from "./inputs";

/** How progress lines name a registration: "PrivateEndpoint <name> (AWS vpce-…)". Every face uses it. */
export function subjectOf(inputs: Partial<RegistrationInputs>, id?: string): ResourceSubject {
  const endpoint = inputs.endpointServiceId;
  const shortEndpoint = endpoint !== undefined && endpoint.length > 60 ? `…${endpoint.slice(-40)}` : endpoint;
  const where = [inputs.providerName, shortEndpoint].filter((part) => part !== undefined).join(" ");
  return {
    type: "PrivateEndpoint",
    name: inputs.resourceName ?? id ?? "(unnamed)",
    ...(where === "" ? {} : { detail: where }),
  };
}
