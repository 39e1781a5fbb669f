import { createHash } from "node:crypto";
import type { ClusterSpec } from "./cluster-declaration";

/** Shards of a sharded cluster, as in both recorded sharded clusters. */
export const SHARD_COUNT = 2;

/**
 * A cluster as the emulator keeps it. Its state and its private endpoint entries are derived from the registrations
 * and the regional-mode changes of its project when asked (see `cluster-publishing.ts`), like services' status.
 */
export interface ClusterRecord extends ClusterSpec {
  /** 24 lower-case hex digits, derived from the seed. */
  readonly id: string;
  /** The host name part after the cluster name (`fvvq2n` in `cluster-759.fvvq2n.mongodb.net`), from the seed. */
  readonly subdomain: string;
  /** `atlas-<6>-shard-0`, the replica set name in a replica set's strings, from the seed. */
  readonly replicaSetName: string;
  /** Ids of the replication specs (one per shard) and of the zone, from the seed. */
  readonly replicationSpecIds: readonly string[];
  readonly zoneId: string;
  readonly createdAt: number;
  /** A state set through the control API, shown instead of the derived one; `null` when none. */
  pinnedState: string | null;
  paused: boolean;
}

/** A new cluster from a validated declaration, created at `now`. */
export function createClusterRecord(spec: ClusterSpec, now: number): ClusterRecord {
  const shards = spec.clusterType === "SHARDED" ? SHARD_COUNT : 1;
  return {
    ...spec,
    id: hexFrom(`${spec.seed}/id`),
    subdomain: lowerAlnumFrom(`${spec.seed}/subdomain`, 6),
    replicaSetName: `atlas-${lowerAlnumFrom(`${spec.seed}/replicaSet`, 6)}-shard-0`,
    replicationSpecIds: Array.from({ length: shards }, (_, i) => hexFrom(`${spec.seed}/replicationSpec/${i}`)),
    zoneId: hexFrom(`${spec.seed}/zone`),
    createdAt: now,
    pinnedState: null,
    paused: spec.paused,
  };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

function hexFrom(text: string): string {
  return digest(text).toString("hex").slice(0, 24);
}

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

function lowerAlnumFrom(text: string, length: number): string {
  return [...digest(text).subarray(0, length)].map((byte) => LOWER_ALNUM[byte % LOWER_ALNUM.length]).join("");
}
