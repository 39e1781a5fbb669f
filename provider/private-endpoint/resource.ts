import * as pulumi from "@pulumi/pulumi";
import type { ProviderName } from "../../regions/regions";
import type { GcpEndpointOutput } from "./outputs";
import { dynamicResourceArgs } from "../faces/dynamic/dynamic-resource";
import { privateEndpoint } from "./description";
import * as providerModule from "./provider";

/** Deadlines of the provider's waits, as duration strings (`"45m"`, `"1h30m"`, `"90s"`); each defaults to 60 minutes. */
export interface PrivateEndpointTimeouts {
  /** From the create call (waiting for the service to accept endpoints included) to `AVAILABLE`. */
  create?: pulumi.Input<string>;
  /** From the delete request to Atlas no longer having the registration. */
  delete?: pulumi.Input<string>;
}

/** One GCP forwarding rule of an endpoint group without port mapping. */
export interface PrivateEndpointGcpEndpointArgs {
  /** The forwarding rule's name (not the address's name). */
  endpointName: pulumi.Input<string>;
  /** The forwarding rule's IP address. */
  ipAddress: pulumi.Input<string>;
}

/**
 * Arguments of {@link PrivateEndpoint}; the names are those of the official `mongodbatlas.PrivateLinkEndpointService`,
 * so migrating is a change of import. Mind the swap in those names: `privateLinkId` is Atlas' endpoint service and
 * `endpointServiceId` is the cloud's endpoint. Every input that reaches Atlas replaces the registration when it
 * changes (Atlas cannot update one); `timeouts`, `deleteOnCreateTimeout` and `adoptExisting` only change state.
 */
export interface PrivateEndpointArgs {
  /** The Atlas project (24 hex digits). */
  projectId: pulumi.Input<string>;
  /** `AWS`, `AZURE` or `GCP` (any case), as the endpoint service's. */
  providerName: pulumi.Input<ProviderName | Lowercase<ProviderName>>;
  /** The Atlas endpoint service id (24 hex): `PrivateEndpointService.privateLinkId`. */
  privateLinkId: pulumi.Input<string>;
  /**
   * The cloud endpoint: AWS the VPC endpoint id (`vpce-…`, `aws.ec2.VpcEndpoint`'s id); Azure the private endpoint's
   * ARM id (`/subscriptions/…/providers/Microsoft.Network/privateEndpoints/…`); GCP the endpoint group name or, with
   * port mapping, the forwarding rule's name.
   */
  endpointServiceId: pulumi.Input<string>;
  /** Azure (required): the private endpoint's IP address. GCP with port mapping (required): the forwarding rule's. */
  privateEndpointIpAddress?: pulumi.Input<string>;
  /** GCP (required): the Google Cloud project that holds the forwarding rules. */
  gcpProjectId?: pulumi.Input<string>;
  /** GCP without port mapping (required there): the forwarding rules, one per service attachment. */
  endpoints?: pulumi.Input<pulumi.Input<PrivateEndpointGcpEndpointArgs>[]>;
  /**
   * Delete the registration when it is not `AVAILABLE` within `timeouts.create`, instead of recording it to resume on
   * the next `pulumi up`. Default false.
   */
  deleteOnCreateTimeout?: pulumi.Input<boolean>;
  /**
   * When Atlas already has this cloud endpoint registered with this service, take it over instead of failing.
   * Default false. (`pulumi import` cannot work for dynamic resources; this is the way to adopt.)
   */
  adoptExisting?: pulumi.Input<boolean>;
  /** Deadlines of the waits. `customTimeouts` does not reach dynamic providers; use these. */
  timeouts?: pulumi.Input<PrivateEndpointTimeouts>;
}

/**
 * A cloud endpoint registered with a MongoDB Atlas private endpoint service: the second half of a private link (an
 * AWS VPC endpoint, an Azure private endpoint, or GCP forwarding rules), after {@link PrivateEndpointService}.
 * Creating it waits until the service can accept endpoints and then until Atlas reports the link `AVAILABLE`.
 * The Pulumi id is `<privateLinkId>:<endpointServiceId>` (the service id, a colon, the cloud endpoint id).
 */
export class PrivateEndpoint extends pulumi.dynamic.Resource {
  /** The Atlas project. */
  declare readonly projectId: pulumi.Output<string>;
  /** `AWS`, `AZURE` or `GCP`. */
  declare readonly providerName: pulumi.Output<ProviderName>;
  /** The Atlas endpoint service id. */
  declare readonly privateLinkId: pulumi.Output<string>;
  /** The cloud endpoint id, as given. */
  declare readonly endpointServiceId: pulumi.Output<string>;
  /** GCP: the Google Cloud project of the forwarding rules; null elsewhere. */
  declare readonly gcpProjectId: pulumi.Output<string | null>;
  /** AWS: the VPC endpoint id Atlas knows; null elsewhere. */
  declare readonly interfaceEndpointId: pulumi.Output<string | null>;
  /** AWS: `AVAILABLE` once connected (`REJECTED` when AWS refused it); null elsewhere. */
  declare readonly awsConnectionStatus: pulumi.Output<string | null>;
  /** Azure: `AVAILABLE` once connected (`FAILED` when Atlas could not); null elsewhere. */
  declare readonly azureStatus: pulumi.Output<string | null>;
  /** GCP: the group's status, `AVAILABLE` once connected; null elsewhere. */
  declare readonly gcpStatus: pulumi.Output<string | null>;
  /** Azure: the private endpoint's ARM id as Atlas knows it; null elsewhere. */
  declare readonly privateEndpointResourceId: pulumi.Output<string | null>;
  /** Azure, GCP with port mapping: the registered IP address; null elsewhere. */
  declare readonly privateEndpointIpAddress: pulumi.Output<string | null>;
  /** Azure: the connection name Atlas generated; null elsewhere (and while connecting). */
  declare readonly privateEndpointConnectionName: pulumi.Output<string | null>;
  /** GCP: the endpoint group name (with port mapping, the forwarding rule's); null elsewhere. */
  declare readonly endpointGroupName: pulumi.Output<string | null>;
  /** GCP without port mapping: each forwarding rule with its status; empty elsewhere. */
  declare readonly endpoints: pulumi.Output<GcpEndpointOutput[]>;
  /** GCP: whether the service uses port mapping; null elsewhere. */
  declare readonly portMappingEnabled: pulumi.Output<boolean | null>;
  /** Atlas' reason when the registration is `REJECTED` or `FAILED` (it is then replaced on the next up), else null. */
  declare readonly errorMessage: pulumi.Output<string | null>;
  /** True once a delete was requested. */
  declare readonly deleteRequested: pulumi.Output<boolean | null>;
  /** True while the create that recorded it has not finished: the next up resumes it. */
  declare readonly unfinishedCreate: pulumi.Output<boolean>;

  /**
   * @param name The resource name; also used in the provider's progress lines.
   * @param args The cloud endpoint to register, and with which service.
   * @param opts Resource options (`customTimeouts` has no effect on dynamic resources: use `args.timeouts`).
   */
  constructor(name: string, args: PrivateEndpointArgs, opts?: pulumi.CustomResourceOptions) {
    super(...dynamicResourceArgs(providerModule, privateEndpoint, name, args, opts));
  }
}
