import type { AtlasCluster, AtlasPrivateEndpointEntry } from "../atlas/types";
import { clusterRegionsOf, type ClusterRegion } from "./entry";
import type { ConnectionStringsInputs } from "./inputs";

/** One cloud endpoint of the entry, as Atlas lists it. */
export interface ConnectionStringsEndpoint {
  readonly endpointId: string;
  /** `AWS`, `AZURE` or `GCP`. */
  readonly providerName: string;
  /** Atlas spelling (`US_EAST_1`). */
  readonly region: string;
}

/** What the provider stores: the inputs, the entry's strings and endpoints, and the cluster's state and regions. */
export interface ConnectionStringsOutputs extends ConnectionStringsInputs {
  /** `mongodb://…` over the private endpoints; null while no entry holds the ids. */
  readonly connectionString: string | null;
  /** `mongodb+srv://…` over the private endpoints; null while no entry holds the ids. */
  readonly srvConnectionString: string | null;
  /** The load-balanced SRV string of sharded AWS clusters; null where Atlas has none. */
  readonly srvShardOptimizedConnectionString: string | null;
  /** `MONGOD` (replica set) or `MONGOS` (sharded); null while no entry holds the ids. */
  readonly type: string | null;
  /** The entry's endpoints: the given ids and, for a multi-region cluster, the other regions' endpoints. */
  readonly endpoints: ConnectionStringsEndpoint[];
  /** The cluster's state when it was read (`IDLE` once created). */
  readonly stateName: string | null;
  /** The regions the cluster has nodes in: each needs an endpoint before Atlas publishes any entry. */
  readonly clusterRegions: ClusterRegion[];
}

/** The strings and endpoints of an entry, as the lookup returns them too. */
export type EntryOutputs = Pick<
  ConnectionStringsOutputs,
  "connectionString" | "srvConnectionString" | "srvShardOptimizedConnectionString" | "type" | "endpoints"
>;

/** An entry's outputs; every one null (and no endpoints) without an entry. */
export function entryOutputs(entry: AtlasPrivateEndpointEntry | undefined): EntryOutputs {
  return {
    connectionString: entry?.connectionString ?? null,
    srvConnectionString: entry?.srvConnectionString ?? null,
    srvShardOptimizedConnectionString: entry?.srvShardOptimizedConnectionString ?? null,
    type: entry?.type ?? null,
    endpoints: (entry?.endpoints ?? []).map((e) => ({
      endpointId: e.endpointId ?? "",
      providerName: e.providerName ?? "",
      region: e.region ?? "",
    })),
  };
}

/** The stored properties: the inputs, then the entry (or nulls) and the cluster's state and regions. */
export function outputsFrom(
  inputs: ConnectionStringsInputs,
  cluster: AtlasCluster,
  entry: AtlasPrivateEndpointEntry | undefined,
): ConnectionStringsOutputs {
  return {
    ...inputs,
    ...entryOutputs(entry),
    stateName: cluster.stateName ?? null,
    clusterRegions: clusterRegionsOf(cluster),
  };
}

/** True when stored properties hold an entry's strings (a refresh that lost the entry leaves them null). */
export function hasEntry(props: Record<string, unknown>): boolean {
  return typeof props["srvConnectionString"] === "string" || typeof props["connectionString"] === "string";
}
