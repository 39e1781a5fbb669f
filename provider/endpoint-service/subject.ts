import type { ResourceSubject } from "../context";
import type { ServiceInputs } from "./inputs";

/** How progress lines name a service: "PrivateEndpointService <name> (AWS us-east-1)". Every face uses it. */
export function subjectOf(inputs: Partial<ServiceInputs>, id?: string): ResourceSubject {
  const where = [inputs.providerName, inputs.region].filter((part) => part !== undefined).join(" ");
  return {
    type: "PrivateEndpointService",
    name: inputs.resourceName ?? id ?? "(unnamed)",
    ...(where === "" ? {} : { detail: where }),
  };
}
