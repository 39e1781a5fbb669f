import type { AtlasEndpointService } from "../atlas/types";
import type { RegistrationInputs } from "./inputs";

/**
 * Refuses, before any POST, a GCP registration the ready service cannot take, in words that say what to change (Atlas
 * would answer 400 at apply): a service with port mapping takes one forwarding rule (`privateEndpointIpAddress`), one
 * without takes one forwarding rule per service attachment (`endpoints`, as many as `serviceAttachmentNames`).
 * Other clouds, and a service whose attachments are not listed, pass.
 */
export function refuseGcpShape(inputs: RegistrationInputs, service: AtlasEndpointService): void {
  if (inputs.providerName !== "GCP") return;
  const problem = gcpShapeProblem(inputs, service);
  if (problem !== undefined) throw new Error(`${problem} Nothing was registered.`);
}

function gcpShapeProblem(inputs: RegistrationInputs, service: AtlasEndpointService): string | undefined {
  const attachments = service.serviceAttachmentNames?.length ?? 0;
  const what = `Endpoint service ${service.id}`;
  if (service.portMappingEnabled === true) {
    if (inputs.endpoints === undefined) return undefined;
    return `${what} uses port mapping (portMappingEnabled: true): it takes one forwarding rule, named in endpointServiceId; set privateEndpointIpAddress to that rule's IP address instead of endpoints.`;
  }
  if (service.portMappingEnabled !== false) return undefined;
  if (inputs.privateEndpointIpAddress !== undefined) {
    return `${what} does not use port mapping (portMappingEnabled: false): it takes one forwarding rule per service attachment (it has ${attachments}); list them in endpoints ([{ endpointName, ipAddress }], one per serviceAttachmentNames entry) instead of privateEndpointIpAddress.`;
  }
  const count = inputs.endpoints?.length ?? 0;
  if (attachments > 0 && count !== attachments) {
    return `endpoints lists ${count} forwarding rule${count === 1 ? "" : "s"}, but endpoint service ${service.id} has ${attachments} service attachments: Atlas needs one forwarding rule per attachment, so list ${attachments} (one per serviceAttachmentNames entry).`;
  }
  return undefined;
}
