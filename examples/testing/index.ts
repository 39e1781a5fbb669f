import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpointService } from "pulumi-atlas-private-endpoint";

const config = new pulumi.Config();
// The defaults are the emulator's project and a region every Atlas project may use.
const projectId = config.get("projectId") ?? "0123456789abcdef01234567";
const region = config.get("region") ?? "eu-west-1";

const service = new PrivateEndpointService("orders-db", { projectId, providerName: "AWS", region });

/** What an `aws.ec2.VpcEndpoint` would be pointed at. */
export const endpointServiceName = service.endpointServiceName;
export const privateLinkId = service.privateLinkId;
export const status = service.status;
