import { UNFINISHED_CREATE_OUTPUT } from "../lifecycle/unfinished-create";
import type { ResourceSchemaTable } from "../lifecycle/description";

const REPLACES = "Changing it replaces the registration.";

/** `PrivateEndpoint`'s inputs, outputs and object types, as the plugin's schema and the resource class declare them. */
export const privateEndpointSchema: ResourceSchemaTable = {
  description:
    "A cloud endpoint registered with a MongoDB Atlas private endpoint service: an AWS VPC endpoint, an Azure private endpoint, or GCP forwarding rules. Creating it waits until the service accepts endpoints and then until Atlas reports the link AVAILABLE. The id is <privateLinkId>:<endpointServiceId>.",
  inputs: {
    projectId: { type: "string", required: true, description: `The Atlas project (24 hex digits). ${REPLACES}` },
    providerName: {
      type: "string",
      required: true,
      description: `AWS, AZURE or GCP (any case), as the endpoint service's. ${REPLACES}`,
    },
    privateLinkId: {
      type: "string",
      required: true,
      description: `The Atlas endpoint service id (24 hex): PrivateEndpointService's privateLinkId. ${REPLACES}`,
    },
    endpointServiceId: {
      type: "string",
      required: true,
      description: `The cloud endpoint: AWS the VPC endpoint id (vpce-…); Azure the private endpoint's ARM id; GCP the endpoint group name or, with port mapping, the forwarding rule's name. ${REPLACES}`,
    },
    privateEndpointIpAddress: {
      type: "string",
      description: `Azure (required): the private endpoint's IP address. GCP with port mapping (required): the forwarding rule's. ${REPLACES}`,
    },
    gcpProjectId: {
      type: "string",
      description: `GCP (required): the Google Cloud project that holds the forwarding rules. ${REPLACES}`,
    },
    endpoints: {
      type: { object: "PrivateEndpointGcpEndpoint", list: true },
      description: `GCP without port mapping (required there): the forwarding rules, one per service attachment. ${REPLACES}`,
    },
    deleteOnCreateTimeout: {
      type: "boolean",
      description:
        "Delete the registration when it is not AVAILABLE within timeouts.create, instead of recording it to resume later.",
    },
    adoptExisting: {
      type: "boolean",
      description:
        "When Atlas already has this cloud endpoint registered with this service, take it over instead of failing. Default false.",
    },
    timeouts: {
      type: { object: "PrivateEndpointTimeouts" },
      description:
        "Deadlines of the waits; each unset one is the customTimeouts resource option's, else 60m (set here, it wins).",
    },
  },
  outputs: {
    gcpProjectId: { type: "string", description: "GCP: the Google Cloud project of the forwarding rules." },
    interfaceEndpointId: { type: "string", description: "AWS: the VPC endpoint id Atlas knows." },
    awsConnectionStatus: {
      type: "string",
      description: "AWS: AVAILABLE once connected (REJECTED when AWS refused it).",
    },
    azureStatus: { type: "string", description: "Azure: AVAILABLE once connected (FAILED when Atlas could not)." },
    gcpStatus: { type: "string", description: "GCP: the group's status, AVAILABLE once connected." },
    privateEndpointResourceId: {
      type: "string",
      description: "Azure: the private endpoint's ARM id as Atlas knows it.",
    },
    privateEndpointIpAddress: {
      type: "string",
      description: "Azure, GCP with port mapping: the registered IP address.",
    },
    privateEndpointConnectionName: {
      type: "string",
      description: "Azure: the connection name Atlas generated (null while connecting).",
    },
    endpointGroupName: {
      type: "string",
      description: "GCP: the endpoint group name (with port mapping, the forwarding rule's).",
    },
    endpoints: {
      type: { object: "PrivateEndpointGcpEndpointStatus", list: true },
      required: true,
      description: "GCP without port mapping: each forwarding rule with its status; empty elsewhere.",
    },
    portMappingEnabled: { type: "boolean", description: "GCP: whether the service uses port mapping." },
    errorMessage: {
      type: "string",
      description: "Atlas' reason when the registration is REJECTED or FAILED (replaced on the next up).",
    },
    deleteRequested: { type: "boolean", description: "True once a delete was requested." },
    unfinishedCreate: UNFINISHED_CREATE_OUTPUT,
  },
  types: {
    PrivateEndpointTimeouts: {
      description: 'Deadlines of the registration\'s waits, as durations such as "45m", "1h30m" or "90s".',
      properties: {
        create: {
          type: "string",
          description: "From the create call (waiting for the service included) to AVAILABLE. Default 60m.",
        },
        delete: {
          type: "string",
          description: "From the delete request to Atlas no longer having it. Default 60m.",
        },
      },
    },
    PrivateEndpointGcpEndpoint: {
      description: "One GCP forwarding rule of an endpoint group without port mapping.",
      properties: {
        endpointName: { type: "string", required: true, description: "The forwarding rule's name." },
        ipAddress: { type: "string", required: true, description: "The forwarding rule's IP address." },
      },
    },
    PrivateEndpointGcpEndpointStatus: {
      description: "One registered GCP forwarding rule and the status Atlas reports for it.",
      properties: {
        endpointName: { type: "string", required: true, description: "The forwarding rule's name." },
        ipAddress: { type: "string", required: true, description: "The forwarding rule's IP address." },
        status: { type: "string", description: "Atlas' status of this forwarding rule." },
      },
    },
  },
};
