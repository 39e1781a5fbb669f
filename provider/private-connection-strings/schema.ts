import type { ResourceSchemaTable } from "../lifecycle/description";

const REPLACES = "Changing it replaces the resource (a new wait).";
const NULL_UNTIL = "null when the last refresh found no entry holding the ids";

/** `PrivateConnectionStrings`' inputs, outputs and object types, as the plugin's schema and the resource class declare them. */
export const privateConnectionStringsSchema: ResourceSchemaTable = {
  description:
    "The private endpoint connection strings of a MongoDB Atlas cluster for given cloud endpoints: creating it waits until the cluster lists an entry holding every endpoint id and is IDLE, saying meanwhile what is missing (endpoints not linked yet, regions without an endpoint). Nothing is created in Atlas; deleting it only forgets. The id is <projectId>:<clusterName>:<endpointIds>. Its import id is <projectId>/<clusterName>/<endpointIds>, the endpoint ids separated by commas (an Azure ARM id keeps its slashes); the cluster must list their entry.",
  inputs: {
    projectId: { type: "string", required: true, description: `The Atlas project (24 hex digits). ${REPLACES}` },
    clusterName: {
      type: "string",
      required: true,
      description: `The cluster's name as Atlas shows it; an unknown one fails at create, naming the project's clusters. ${REPLACES}`,
    },
    endpointIds: {
      type: "string[]",
      required: true,
      description: `One or more cloud endpoints, as the entry lists them: AWS the VPC endpoint id (vpce-…), Azure the private endpoint's ARM id, GCP the endpoint group or forwarding rule name (PrivateEndpoint's endpointServiceId). A multi-region cluster's entry holds one endpoint per region: any of them picks it. ${REPLACES}`,
    },
    timeouts: {
      type: { object: "PrivateConnectionStringsTimeouts" },
      description: "The deadline of the wait; create defaults to 60m.",
    },
  },
  outputs: {
    connectionString: {
      type: "string",
      description: `The standard connection string over the private endpoints (mongodb://…); ${NULL_UNTIL}.`,
    },
    srvConnectionString: {
      type: "string",
      description: `The SRV connection string over the private endpoints (mongodb+srv://…); ${NULL_UNTIL}.`,
    },
    srvShardOptimizedConnectionString: {
      type: "string",
      description: "The load-balanced SRV string of a sharded AWS cluster; null where Atlas has none.",
    },
    type: { type: "string", description: `MONGOD (replica set) or MONGOS (sharded cluster); ${NULL_UNTIL}.` },
    endpoints: {
      type: { object: "PrivateConnectionStringsEndpoint", list: true },
      required: true,
      description: "The entry's cloud endpoints (for a multi-region cluster, one per region); empty without an entry.",
    },
    stateName: { type: "string", description: "The cluster's state when it was last read (IDLE once published)." },
    clusterRegions: {
      type: { object: "PrivateConnectionStringsClusterRegion", list: true },
      required: true,
      description: "The regions the cluster has nodes in: Atlas publishes entries only once each has an endpoint.",
    },
  },
  types: {
    PrivateConnectionStringsTimeouts: {
      description: 'The deadline of the wait, as a duration such as "45m", "1h30m" or "90s".',
      properties: {
        create: {
          type: "string",
          description: "From the create call to the entry being listed and the cluster IDLE. Default 60m.",
        },
      },
    },
    PrivateConnectionStringsEndpoint: {
      description: "One cloud endpoint of a private endpoint entry.",
      properties: {
        endpointId: { type: "string", required: true, description: "The cloud's endpoint id, as Atlas lists it." },
        providerName: { type: "string", required: true, description: "AWS, AZURE or GCP." },
        region: { type: "string", required: true, description: "The endpoint's region, in Atlas' spelling." },
      },
    },
    PrivateConnectionStringsClusterRegion: {
      description: "A region the cluster has nodes in.",
      properties: {
        providerName: { type: "string", required: true, description: "AWS, AZURE or GCP." },
        region: { type: "string", required: true, description: "The region, in Atlas' spelling (US_EAST_1)." },
      },
    },
  },
};
