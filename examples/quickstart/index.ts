import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpointService } from "pulumi-atlas-private-endpoint";

const config = new pulumi.Config();
// The defaults are the emulator's project and a region every Atlas project may use.
const projectId = config.get("projectId") ?? "0123456789abcdef01234567";
const region = config.get("region") ?? "us-east-1";

const service = new PrivateEndpointService("quickstart", {
  projectId,
  providerName: "AWS",
  region,
});

/** The VPC endpoint service to point an `aws.ec2.VpcEndpoint` at (`com.amazonaws.vpce.<region>.vpce-svc-…`). */
export const endpointServiceName = service.endpointServiceName;
/** The Atlas endpoint service id, also the Pulumi id. */
export const privateLinkId = service.privateLinkId;
export const status = service.status;
/** The region in Atlas' spelling (`US_EAST_1`). */
export const regionName = service.regionName;
/** Interface endpoints attached so far: none until a VPC endpoint is registered with Atlas. */
export const interfaceEndpoints = service.interfaceEndpoints;
