import type { AtlasClient } from "../atlas/client";
import type { LookupDescription } from "../lifecycle/description";
import { lookupClient, type LookupOptions } from "../lifecycle/lookup-client";
import { entriesOf } from "./entry";
import { entryOutputs, type EntryOutputs } from "./outputs";

/** One private endpoint entry of a cluster: its strings, its type and its endpoints. */
export type PrivateConnectionStringsInfo = EntryOutputs;

/** Arguments of {@link getPrivateConnectionStrings}. */
export interface GetPrivateConnectionStringsArgs {
  projectId: string;
  clusterName: string;
}

/**
 * Every private endpoint entry the cluster lists now, in Atlas' order, without waiting (an empty list until Atlas
 * publishes any): one `GET …/clusters/{clusterName}`.
 */
export async function getPrivateConnectionStrings(
  args: GetPrivateConnectionStringsArgs,
  options?: LookupOptions,
): Promise<PrivateConnectionStringsInfo[]> {
  return (await listEntries(lookupClient(options), args)).entries;
}

async function listEntries(
  client: AtlasClient,
  args: GetPrivateConnectionStringsArgs,
): Promise<{ entries: PrivateConnectionStringsInfo[] }> {
  const cluster = await client.getCluster(args.projectId, args.clusterName);
  return { entries: entriesOf(cluster).map((entry) => entryOutputs(entry)) };
}

/** {@link getPrivateConnectionStrings}, described for the plugin's schema and `Invoke` (the list is `entries`). */
export const getConnectionStringsLookup: LookupDescription = {
  name: "getPrivateConnectionStrings",
  description:
    "Lists the private endpoint entries a MongoDB Atlas cluster has now, without waiting: each entry's connection strings, type and cloud endpoints (empty until Atlas publishes any).",
  inputs: {
    projectId: { type: "string", required: true, description: "The Atlas project (24 hex digits)." },
    clusterName: { type: "string", required: true, description: "The cluster's name as Atlas shows it." },
  },
  outputs: {
    entries: {
      type: { object: "PrivateConnectionStringsEntry", list: true },
      required: true,
      description: "The cluster's private endpoint entries, in Atlas' order; empty until Atlas publishes any.",
    },
  },
  types: {
    PrivateConnectionStringsEntry: {
      description: "One private endpoint entry of a cluster, as Atlas lists it.",
      properties: {
        connectionString: {
          type: "string",
          description: "The standard connection string over the entry's endpoints (mongodb://…).",
        },
        srvConnectionString: {
          type: "string",
          description: "The SRV connection string over the entry's endpoints (mongodb+srv://…).",
        },
        srvShardOptimizedConnectionString: {
          type: "string",
          description: "The load-balanced SRV string of a sharded AWS cluster; null where Atlas has none.",
        },
        type: { type: "string", description: "MONGOD (replica set) or MONGOS (sharded cluster)." },
        endpoints: {
          type: { object: "PrivateConnectionStringsEndpoint", list: true },
          required: true,
          description: "The entry's cloud endpoints (for a multi-region cluster, one per region).",
        },
      },
    },
  },
  run: (client, args) => listEntries(client, args as unknown as GetPrivateConnectionStringsArgs),
};
