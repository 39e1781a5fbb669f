import * as pulumi from "@pulumi/pulumi";
import { dynamicResourceArgs } from "../faces/dynamic/dynamic-resource";
import { privateConnectionStrings } from "./description";
import type { ConnectionStringsEndpoint } from "./outputs";
import type { ClusterRegion } from "./entry";
import * as providerModule from "./provider";

/** The deadline of the wait, as a duration string (`"45m"`, `"1h30m"`, `"90s"`); 60 minutes by default. */
export interface PrivateConnectionStringsTimeouts {
  /** From the create call to the entry being listed and the cluster `IDLE`. */
  create?: pulumi.Input<string>;
}

/** Arguments of {@link PrivateConnectionStrings}. Each one replaces the resource (a new wait) when it changes. */
export interface PrivateConnectionStringsArgs {
  /** The Atlas project (24 hex digits). */
  projectId: pulumi.Input<string>;
  /** The cluster's name as Atlas shows it; an unknown one fails at create, naming the project's clusters. */
  clusterName: pulumi.Input<string>;
  /**
   * One or more cloud endpoints, as the cluster's entry lists them: AWS the VPC endpoint id (`vpce-…`), Azure the
   * private endpoint's ARM id, GCP the endpoint group or forwarding rule name. `PrivateEndpoint.endpointServiceId`
   * fits as it is, and passing it also makes this wait start after the endpoint is linked. A multi-region cluster's
   * entry holds one endpoint per region: any of them picks it. The order does not matter.
   */
  endpointIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The deadline of the wait. `customTimeouts` does not reach dynamic providers; use this. */
  timeouts?: pulumi.Input<PrivateConnectionStringsTimeouts>;
}

/**
 * The private endpoint connection strings of a MongoDB Atlas cluster for given cloud endpoints: what an application
 * uses to reach the cluster over the private link. Creating it waits until the cluster lists an entry holding every
 * endpoint id and is `IDLE` (Atlas publishes it only once every region the cluster has nodes in has an endpoint, some
 * minutes after linking), and its progress lines and timeout say what is missing. Nothing is created in Atlas;
 * deleting it only forgets. The Pulumi id is `<projectId>:<clusterName>:<endpointIds>`.
 */
export class PrivateConnectionStrings extends pulumi.dynamic.Resource {
  /** The Atlas project. */
  declare readonly projectId: pulumi.Output<string>;
  /** The cluster. */
  declare readonly clusterName: pulumi.Output<string>;
  /** The endpoints whose entry this is, as given. */
  declare readonly endpointIds: pulumi.Output<string[]>;
  /** The standard connection string over the private endpoints (`mongodb://…`); null when a refresh found no entry. */
  declare readonly connectionString: pulumi.Output<string | null>;
  /** The SRV connection string over the private endpoints (`mongodb+srv://…`); null when a refresh found no entry. */
  declare readonly srvConnectionString: pulumi.Output<string | null>;
  /** The load-balanced SRV string of a sharded AWS cluster; null where Atlas has none. */
  declare readonly srvShardOptimizedConnectionString: pulumi.Output<string | null>;
  /** `MONGOD` (replica set) or `MONGOS` (sharded cluster). */
  declare readonly type: pulumi.Output<"MONGOD" | "MONGOS" | null>;
  /** The entry's cloud endpoints (for a multi-region cluster, one per region). */
  declare readonly endpoints: pulumi.Output<ConnectionStringsEndpoint[]>;
  /** The cluster's state when it was last read (`IDLE` once published). */
  declare readonly stateName: pulumi.Output<string | null>;
  /** The regions the cluster has nodes in. */
  declare readonly clusterRegions: pulumi.Output<ClusterRegion[]>;

  /**
   * @param name The resource name; also used in the provider's progress lines.
   * @param args The cluster and the endpoints whose strings to wait for.
   * @param opts Resource options (`customTimeouts` has no effect on dynamic resources: use `args.timeouts`).
   */
  constructor(name: string, args: PrivateConnectionStringsArgs, opts?: pulumi.CustomResourceOptions) {
    super(...dynamicResourceArgs(providerModule, privateConnectionStrings, name, args, opts));
  }
}
