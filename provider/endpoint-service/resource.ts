import * as pulumi from "@pulumi/pulumi";
import type { ProviderName } from "../../regions/regions";

import { dynamicResourceArgs } from "../faces/dynamic/dynamic-resource";
import { endpointService } from "./description";
import * as providerModule from "./provider";

/** Deadlines of the provider's waits, as duration strings (`"45m"`, `"1h30m"`, `"90s"`); each defaults to 60 minutes. */
export interface PrivateEndpointServiceTimeouts {
  /** From the create request to a ready service. */
  create?: pulumi.Input<string>;
  /** For a remote-regions update, or resuming an interrupted create. */
  update?: pulumi.Input<string>;
  /** From the delete request to Atlas no longer having the service. */
  delete?: pulumi.Input<string>;
}

/** Arguments of {@link PrivateEndpointService}; the names are those of the official `mongodbatlas.PrivateLinkEndpoint`. */
export interface PrivateEndpointServiceArgs {
  /** The Atlas project (24 hex digits). Changing it replaces the service. */
  projectId: pulumi.Input<string>;
  /** `AWS`, `AZURE` or `GCP` (any case). Changing it replaces the service. */
  providerName: pulumi.Input<ProviderName | Lowercase<ProviderName>>;
  /**
   * The region, in the cloud's spelling (`us-east-1`, `eastus2`, `us-central1`) or Atlas' (`US_EAST_1`, `US_EAST_2`,
   * `CENTRAL_US`); respelling it is not a change. Changing the region replaces the service.
   */
  region: pulumi.Input<string>;
  /** GCP only: one service attachment with port mapping instead of one per node. Changing it replaces the service. */
  portMappingEnabled?: pulumi.Input<boolean>;
  /** AWS only: other AWS regions that may connect (at most 35, not the service's own). Updated in place. */
  supportedRemoteRegions?: pulumi.Input<pulumi.Input<string>[]>;
  /** Delete the service when it is not ready within `timeouts.create`, instead of recording it to resume later. */
  deleteOnCreateTimeout?: pulumi.Input<boolean>;
  /**
   * When Atlas already has a service for this project, provider and region, take it over instead of failing.
   * Default false. (`pulumi import` cannot work for dynamic resources; this is the way to adopt.)
   */
  adoptExisting?: pulumi.Input<boolean>;
  /** Deadlines of the waits. `customTimeouts` does not reach dynamic providers; use these. */
  timeouts?: pulumi.Input<PrivateEndpointServiceTimeouts>;
}

/**
 * A MongoDB Atlas private endpoint service: the Atlas half of AWS PrivateLink, Azure Private Link or GCP Private
 * Service Connect. Creating it waits until Atlas reports it ready, so its outputs (`endpointServiceName`,
 * `privateLinkServiceResourceId`, `serviceAttachmentNames`, …) can feed the cloud's endpoint resources directly.
 * The Pulumi id is the Atlas endpoint service id.
 */
export class PrivateEndpointService extends pulumi.dynamic.Resource {
  /** The Atlas project. */
  declare readonly projectId: pulumi.Output<string>;
  /** `AWS`, `AZURE` or `GCP`. */
  declare readonly providerName: pulumi.Output<ProviderName>;
  /** The region as given. */
  declare readonly region: pulumi.Output<string>;
  /** The Atlas endpoint service id (also the resource id). */
  declare readonly privateLinkId: pulumi.Output<string>;
  /** `AVAILABLE` (or `WAITING_FOR_USER`) once created; `FAILED` services are replaced on the next update. */
  declare readonly status: pulumi.Output<string>;
  /** Atlas' message when the service failed, else null. */
  declare readonly errorMessage: pulumi.Output<string | null>;
  /** The region in Atlas' spelling (`EU_WEST_1`). */
  declare readonly regionName: pulumi.Output<string>;
  /** AWS: the VPC endpoint service name for `aws.ec2.VpcEndpoint` (`com.amazonaws.vpce.<region>.vpce-svc-…`). */
  declare readonly endpointServiceName: pulumi.Output<string | null>;
  /** AWS: ids of the interface endpoints attached to the service. */
  declare readonly interfaceEndpoints: pulumi.Output<string[]>;
  /** AWS: the remote regions Atlas serves (Atlas spelling); empty elsewhere. */
  declare readonly supportedRemoteRegions: pulumi.Output<string[]>;
  /** Azure: private endpoints attached to the service. */
  declare readonly privateEndpoints: pulumi.Output<string[]>;
  /** Azure: the Private Link Service name (`pls_…`). */
  declare readonly privateLinkServiceName: pulumi.Output<string | null>;
  /** Azure: the Private Link Service resource id, for `azure-native.network.PrivateEndpoint`. */
  declare readonly privateLinkServiceResourceId: pulumi.Output<string | null>;
  /** GCP: endpoint group names. */
  declare readonly endpointGroupNames: pulumi.Output<string[]>;
  /** GCP: the service attachments to point forwarding rules at (one, with port mapping). */
  declare readonly serviceAttachmentNames: pulumi.Output<string[]>;
  /** GCP: whether port mapping is on; null elsewhere. */
  declare readonly portMappingEnabled: pulumi.Output<boolean | null>;
  /** True while the create that recorded it has not finished: the next up resumes it. */
  declare readonly unfinishedCreate: pulumi.Output<boolean>;
  /** While a create request Atlas never confirmed is unresolved: when it was sent and failed (ISO `start/end`). */
  declare readonly unconfirmedCreate: pulumi.Output<string | null>;

  /**
   * @param name The resource name; also used in the provider's progress lines.
   * @param args The service to create.
   * @param opts Resource options (`customTimeouts` has no effect on dynamic resources: use `args.timeouts`).
   */
  constructor(name: string, args: PrivateEndpointServiceArgs, opts?: pulumi.CustomResourceOptions) {
    super(...dynamicResourceArgs(providerModule, endpointService, name, args, opts));
  }
}
