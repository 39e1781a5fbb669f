import * as pulumi from "@pulumi/pulumi";
import { dynamicResourceArgs } from "../faces/dynamic/dynamic-resource";
import { regionalMode } from "./description";
import * as providerModule from "./provider";

/** Deadlines of the waits for the clusters, as duration strings (`"45m"`, `"1h30m"`, `"90s"`); each 60 minutes by default. */
export interface PrivateEndpointRegionalModeTimeouts {
  /** From the create call to every cluster `IDLE` after the change it makes. */
  create?: pulumi.Input<string>;
  /** From an update's change to every cluster `IDLE`. */
  update?: pulumi.Input<string>;
  /** From the delete's change back to off (when it makes one) to every cluster `IDLE`. */
  delete?: pulumi.Input<string>;
}

/** Arguments of {@link PrivateEndpointRegionalMode}; the names are those of the official resource. */
export interface PrivateEndpointRegionalModeArgs {
  /** The Atlas project (24 hex digits). Changing it replaces the resource. */
  projectId: pulumi.Input<string>;
  /**
   * Whether regional mode is on. Default false. Changes in place: turning it on is refused (before any change) while
   * the project has a replica set, turning it off in the endpoint layouts Atlas refuses.
   */
  enabled?: pulumi.Input<boolean>;
  /** Deadlines of the waits. `customTimeouts` does not reach dynamic providers; use these. */
  timeouts?: pulumi.Input<PrivateEndpointRegionalModeTimeouts>;
}

/**
 * A MongoDB Atlas project's private endpoint regional mode ("regionalized private endpoints"). With it on, a region
 * may hold several private endpoints, each connecting to that region's mongos, and multi-region and global sharded
 * clusters get one private connection string per region. Every change waits until each cluster of the project is
 * `IDLE`. Creating it takes over the project's setting; deleting it turns the setting back off only when this resource
 * turned it on. The Pulumi id is the project id.
 */
export class PrivateEndpointRegionalMode extends pulumi.dynamic.Resource {
  /** The Atlas project. */
  declare readonly projectId: pulumi.Output<string>;
  /** The setting as Atlas has it. */
  declare readonly enabled: pulumi.Output<boolean>;
  /** The clusters whose connection strings the last change touched (multi-region sharded and global ones). */
  declare readonly affectedClusters: pulumi.Output<string[]>;
  /** The setting as this resource found it at create; delete turns it back off only when this is false. */
  declare readonly enabledAtCreate: pulumi.Output<boolean | null>;
  /** Clusters not yet `IDLE` when the last wait ended; empty once every cluster is. */
  declare readonly pendingClusters: pulumi.Output<string[]>;

  /**
   * @param name The resource name; also used in the provider's progress lines.
   * @param args The project and the setting.
   * @param opts Resource options (`customTimeouts` has no effect on dynamic resources: use `args.timeouts`).
   */
  constructor(name: string, args: PrivateEndpointRegionalModeArgs, opts?: pulumi.CustomResourceOptions) {
    super(...dynamicResourceArgs(providerModule, regionalMode, name, args, opts));
  }
}
