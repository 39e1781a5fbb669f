import type { ResourceSchemaTable } from "../lifecycle/description";

/** `PrivateEndpointRegionalMode`'s inputs, outputs and object types, as the plugin's schema and the class declare them. */
export const regionalModeSchema: ResourceSchemaTable = {
  description:
    "The private endpoint regional mode (regionalized private endpoints) of a MongoDB Atlas project: with it on, a region may hold several private endpoints, each connecting to that region's mongos, and multi-region and global sharded clusters get one private connection string per region. A change is refused before it is made where Atlas would refuse it (replica sets when turning it on, some endpoint layouts when turning it off), and waits until every cluster of the project is IDLE. The id is the project id.",
  inputs: {
    projectId: {
      type: "string",
      required: true,
      description: "The Atlas project (24 hex digits). Changing it replaces the resource.",
    },
    enabled: {
      type: "boolean",
      description:
        "Whether regional mode is on. Default false. Changes in place; the connection strings of multi-region sharded clusters change with it.",
    },
    timeouts: {
      type: { object: "PrivateEndpointRegionalModeTimeouts" },
      description: "Deadlines of the waits for the clusters; each defaults to 60m.",
    },
  },
  outputs: {
    enabled: { type: "boolean", required: true, description: "The setting as Atlas has it." },
    affectedClusters: {
      type: "string[]",
      required: true,
      description:
        "The clusters whose connection strings the last change touched: the project's multi-region sharded and global clusters at that change. Empty when nothing changed.",
    },
    enabledAtCreate: {
      type: "boolean",
      description:
        "The setting as this resource found it at create; delete turns regional mode back off only when this is false.",
    },
    pendingClusters: {
      type: "string[]",
      required: true,
      description:
        "Clusters not yet IDLE when the last wait ended; empty once every cluster is. The next update waits for them.",
    },
  },
  types: {
    PrivateEndpointRegionalModeTimeouts: {
      description: 'Deadlines of regional mode\'s waits, as durations such as "45m", "1h30m" or "90s".',
      properties: {
        create: {
          type: "string",
          description: "From the create call to every cluster IDLE after the change it makes. Default 60m.",
        },
        update: { type: "string", description: "From an update's change to every cluster IDLE. Default 60m." },
        delete: {
          type: "string",
          description: "From the delete's change back to off (when it makes one) to every cluster IDLE. Default 60m.",
        },
      },
    },
  },
};
