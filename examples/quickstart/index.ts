import * as pulumi from "@pulumi/pulumi";
import { PrivateConnectionStrings, PrivateEndpoint, PrivateEndpointService } from "pulumi-atlas-private-endpoint";

const config = new pulumi.Config();
// The defaults are the emulator's project, a region every Atlas project may use, and a well-formed VPC endpoint id
// (the emulator accepts any; against Atlas, set the id of your `aws.ec2.VpcEndpoint` to the service).
const projectId = config.get("projectId") ?? "0123456789abcdef01234567";
const region = config.get("region") ?? "us-east-1";
const vpcEndpointId = config.get("vpcEndpointId") ?? "vpce-0123456789abcdef0";
// The cluster the application connects to, with nodes in `region` (Atlas names a project's first cluster Cluster0).
const clusterName = config.get("clusterName") ?? "Cluster0";

const service = new PrivateEndpointService("quickstart", {
  projectId,
  providerName: "AWS",
  region,
});

// The second half of the link: the VPC endpoint registered with the service. Mind the official names:
// `privateLinkId` is Atlas' service, `endpointServiceId` is the cloud's endpoint.
const link = new PrivateEndpoint("quickstart-link", {
  projectId,
  providerName: "AWS",
  privateLinkId: service.privateLinkId,
  endpointServiceId: vpcEndpointId,
});

// What the link is for: the cluster's connection string over it. Passing the link's endpointServiceId waits for the
// link first; then this waits until Atlas publishes the cluster's private endpoint entry and the cluster is IDLE.
const strings = new PrivateConnectionStrings("quickstart-uri", {
  projectId,
  clusterName,
  endpointIds: [link.endpointServiceId],
});

/** The VPC endpoint service to point an `aws.ec2.VpcEndpoint` at (`com.amazonaws.vpce.<region>.vpce-svc-…`). */
export const endpointServiceName = service.endpointServiceName;
/** The Atlas endpoint service id, also the Pulumi id. */
export const privateLinkId = service.privateLinkId;
export const status = service.status;
/** The region in Atlas' spelling (`US_EAST_1`). */
export const regionName = service.regionName;
/**
 * Interface endpoints registered with the service, as Atlas listed them when the service was last read: empty after
 * the first `pulumi up` (the service is read before the link exists), the VPC endpoint after a `pulumi refresh`.
 */
export const interfaceEndpoints = service.interfaceEndpoints;
/** The registered VPC endpoint. */
export const interfaceEndpointId = link.interfaceEndpointId;
/** `AVAILABLE` once the link is up. */
export const connectionStatus = link.awsConnectionStatus;
/** What the application connects with: the cluster's SRV connection string over the private endpoint. */
export const mongoUri = strings.srvConnectionString;
