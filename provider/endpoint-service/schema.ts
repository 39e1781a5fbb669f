import { UNFINISHED_CREATE_OUTPUT } from "../lifecycle/unfinished-create";
import type { ResourceSchemaTable } from "../lifecycle/description";

const REPLACES = "Changing it replaces the service.";

/** `PrivateEndpointService`'s inputs, outputs and object types, as the plugin's schema and the resource class declare them. */
export const endpointServiceSchema: ResourceSchemaTable = {
  description:
    "A MongoDB Atlas private endpoint service: the Atlas half of AWS PrivateLink, Azure Private Link or GCP Private Service Connect. Creating it waits until Atlas reports it ready. The id is the Atlas endpoint service id.",
  inputs: {
    projectId: { type: "string", required: true, description: `The Atlas project (24 hex digits). ${REPLACES}` },
    providerName: { type: "string", required: true, description: `AWS, AZURE or GCP (any case). ${REPLACES}` },
    region: {
      type: "string",
      required: true,
      description: `The region, in the cloud's spelling (us-east-1, eastus2, us-central1) or Atlas' (US_EAST_1); respelling it is not a change. ${REPLACES}`,
    },
    portMappingEnabled: {
      type: "boolean",
      description: `GCP only: one service attachment with port mapping instead of one per node. ${REPLACES}`,
    },
    supportedRemoteRegions: {
      type: "string[]",
      description:
        "AWS only: other AWS regions that may connect (at most 35, not the service's own). Updated in place.",
    },
    deleteOnCreateTimeout: {
      type: "boolean",
      description:
        "Delete the service when it is not ready within timeouts.create, instead of recording it to resume later.",
    },
    adoptExisting: {
      type: "boolean",
      description:
        "When Atlas already has a service for this project, provider and region, take it over instead of failing. Default false.",
    },
    timeouts: {
      type: { object: "PrivateEndpointServiceTimeouts" },
      description:
        "Deadlines of the waits; each unset one is the customTimeouts resource option's, else 60m (set here, it wins).",
    },
  },
  outputs: {
    privateLinkId: { type: "string", required: true, description: "The Atlas endpoint service id (also the id)." },
    status: {
      type: "string",
      required: true,
      description: "AVAILABLE (or WAITING_FOR_USER) once created; a FAILED service is replaced on the next update.",
    },
    errorMessage: { type: "string", description: "Atlas' message when the service failed." },
    regionName: { type: "string", required: true, description: "The region in Atlas' spelling (EU_WEST_1)." },
    endpointServiceName: {
      type: "string",
      description: "AWS: the VPC endpoint service name (com.amazonaws.vpce.<region>.vpce-svc-…).",
    },
    interfaceEndpoints: {
      type: "string[]",
      required: true,
      description: "AWS: ids of the interface endpoints attached.",
    },
    supportedRemoteRegions: {
      type: "string[]",
      required: true,
      description: "AWS: the remote regions Atlas serves (Atlas spelling); empty elsewhere.",
    },
    privateEndpoints: { type: "string[]", required: true, description: "Azure: private endpoints attached." },
    privateLinkServiceName: { type: "string", description: "Azure: the Private Link Service name (pls_…)." },
    privateLinkServiceResourceId: { type: "string", description: "Azure: the Private Link Service resource id." },
    endpointGroupNames: { type: "string[]", required: true, description: "GCP: endpoint group names." },
    serviceAttachmentNames: {
      type: "string[]",
      required: true,
      description: "GCP: the service attachments to point forwarding rules at.",
    },
    portMappingEnabled: { type: "boolean", description: "GCP: whether port mapping is on; null elsewhere." },
    unfinishedCreate: UNFINISHED_CREATE_OUTPUT,
    unconfirmedCreate: {
      type: "string",
      description:
        "While a create request whose outcome Atlas never confirmed is unresolved: when it was sent and when it failed (ISO 8601 start/end). The next up takes back the service it made, or creates one.",
    },
  },
  types: {
    PrivateEndpointServiceTimeouts: {
      description: 'Deadlines of the service\'s waits, as durations such as "45m", "1h30m" or "90s".',
      properties: {
        create: { type: "string", description: "From the create request to a ready service. Default 60m." },
        update: {
          type: "string",
          description: "For a remote-regions update, or resuming an interrupted create. Default 60m.",
        },
        delete: { type: "string", description: "From the delete request to Atlas no longer having it. Default 60m." },
      },
    },
  },
};
