import { outputsComplete, revealedAttachmentCount, serviceErrorMessage, serviceStatus } from "./service-lifecycle";
import type { ServiceRecord } from "./service-record";

/** An endpoint service as Atlas answers it: every field present, `null` where empty, keys in alphabetical order. */
export type EndpointServiceView = Readonly<Record<string, unknown>>;

/**
 * The Atlas body of a service at `now` (field set per provider, as recorded). `endpointIds` are the cloud endpoints
 * registered with it (`interfaceEndpoints`, `privateEndpoints` or `endpointGroupNames`, by provider).
 */
export function toServiceView(record: ServiceRecord, now: number, endpointIds: readonly string[]): EndpointServiceView {
  const status = serviceStatus(record, now);
  const complete = outputsComplete(record, now);
  const { id, regionName, outputs } = record;
  const errorMessage = serviceErrorMessage(record, now);
  switch (record.provider) {
    case "AWS":
      return {
        cloudProvider: "AWS",
        endpointServiceName: complete ? outputs.endpointServiceName : null,
        errorMessage,
        id,
        interfaceEndpoints: [...endpointIds],
        regionName,
        status,
        supportedRemoteRegions: record.supportedRemoteRegions === null ? null : [...record.supportedRemoteRegions],
      };
    case "AZURE":
      return {
        cloudProvider: "AZURE",
        errorMessage,
        id,
        privateEndpoints: [...endpointIds],
        privateLinkServiceName: complete ? outputs.privateLinkServiceName : null,
        privateLinkServiceResourceId: complete ? outputs.privateLinkServiceResourceId : null,
        regionName,
        status,
      };
    case "GCP": {
      const shown = outputs.attachmentRevealOrder.slice(0, revealedAttachmentCount(record, now)).sort((a, b) => a - b);
      return {
        cloudProvider: "GCP",
        endpointGroupNames: [...endpointIds],
        errorMessage,
        id,
        portMappingEnabled: record.portMappingEnabled,
        regionName,
        serviceAttachmentNames: shown.map((i) => outputs.serviceAttachmentNames[i]),
        status,
      };
    }
  }
}
