import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { PrivateConnectionStrings, PrivateEndpoint, PrivateEndpointService } from "pulumi-atlas-private-endpoint";

const config = new pulumi.Config();
const projectId = config.require("projectId");
/** The cluster the application connects to, with its nodes in `gcp:region`. */
const clusterName = config.require("clusterName");
// With port mapping Atlas serves every node through one service attachment; without, it creates one per node.
const portMappingEnabled = config.getBoolean("portMappingEnabled") ?? false;
// Atlas' name for the endpoint group; the forwarding rules are <prefix>-0, <prefix>-1, …
const endpointPrefix = config.get("endpointPrefix") ?? "atlas-psc";
// The Atlas service must be in the region of the subnetwork that connects to it.
const gcpConfig = new pulumi.Config("gcp");
const region = gcpConfig.require("region");
// The Google Cloud project that holds the forwarding rules, which Atlas needs to find them.
const gcpProjectId = gcpConfig.require("project");

const service = new PrivateEndpointService("atlas-gcp", {
  projectId,
  providerName: "GCP",
  region,
  portMappingEnabled,
});

const network = new gcp.compute.Network("atlas-psc", { autoCreateSubnetworks: false });
const subnetwork = new gcp.compute.Subnetwork("atlas-psc", {
  network: network.id,
  region,
  // Room for one address per service attachment (Atlas creates up to 50 without port mapping).
  ipCidrRange: "10.2.0.0/24",
});

/** What Atlas needs to register one endpoint of the group. */
interface PscEndpoint {
  /** The forwarding rule's name, as an output of the rule: registering waits until the rule exists. */
  endpointName: pulumi.Output<string>;
  ipAddress: pulumi.Output<string>;
}

/** An internal address and the forwarding rule that connects it to one Atlas service attachment. */
function connect(index: number, serviceAttachment: pulumi.Input<string>): PscEndpoint {
  const endpointName = `${endpointPrefix}-${index}`;
  const address = new gcp.compute.Address(`${endpointName}-ip`, {
    name: `${endpointName}-ip`,
    region,
    subnetwork: subnetwork.id,
    addressType: "INTERNAL",
  });
  const rule = new gcp.compute.ForwardingRule(endpointName, {
    name: endpointName,
    region,
    network: network.id,
    ipAddress: address.id,
    target: serviceAttachment,
    // Private Service Connect to a published service: no load balancer, so no scheme.
    loadBalancingScheme: "",
  });
  return { endpointName: rule.name, ipAddress: address.address };
}

/** The endpoint group to register with Atlas: each forwarding rule's name and address. */
const endpoints: pulumi.Output<{ endpointName: string; ipAddress: string }[]> = portMappingEnabled
  ? // One attachment is known in advance, so the pair is declared up front and shows in the first preview.
    pulumi.output([
      connect(
        0,
        service.serviceAttachmentNames.apply((names) => {
          const only = names[0];
          if (only === undefined) throw new Error("Atlas reported no service attachment for the GCP endpoint service");
          return only;
        }),
      ),
    ])
  : // The number of attachments is known only once Atlas has created them, so the pairs are declared inside
    // `apply`: the first preview cannot list them, `pulumi up` creates them.
    service.serviceAttachmentNames.apply((names) => pulumi.output(names.map((name, index) => connect(index, name))));

// The second half of the link: register the forwarding rules with the Atlas service; `pulumi up` waits until Atlas
// reports the link AVAILABLE. With port mapping the one forwarding rule is the endpoint (its name and IP); without,
// the endpoint group (`endpointPrefix`) lists every rule. Mind the official names: `privateLinkId` is Atlas' service,
// `endpointServiceId` is the cloud's endpoint.
const link = new PrivateEndpoint(
  "atlas-gcp-link",
  portMappingEnabled
    ? {
        projectId,
        providerName: "GCP",
        privateLinkId: service.privateLinkId,
        gcpProjectId,
        endpointServiceId: endpoints.apply((list) => firstOf(list).endpointName),
        privateEndpointIpAddress: endpoints.apply((list) => firstOf(list).ipAddress),
      }
    : {
        projectId,
        providerName: "GCP",
        privateLinkId: service.privateLinkId,
        gcpProjectId,
        endpointServiceId: endpointPrefix,
        endpoints,
      },
);

/** The Atlas endpoint service id. */
export const privateLinkId = service.privateLinkId;
export const serviceAttachmentNames = service.serviceAttachmentNames;
/** The endpoint group registered with Atlas (with port mapping, the forwarding rule). */
export const endpointGroupName = link.endpointGroupName;
export { endpoints };
/** `AVAILABLE` once the link is up (without port mapping, every endpoint in `link.endpoints` too). */
export const connectionStatus = link.gcpStatus;

// What the link is for: the cluster's connection string over it, once Atlas publishes it and the cluster is IDLE.
// The entry holds the endpoint group by its name (with port mapping, the forwarding rule's): the link's
// endpointServiceId.
const strings = new PrivateConnectionStrings("atlas-uri", {
  projectId,
  clusterName,
  endpointIds: [link.endpointServiceId],
});

/** What the application connects with, from inside the network: the cluster's SRV string over Private Service Connect. */
export const mongoUri = strings.srvConnectionString;

function firstOf<T>(list: readonly T[]): T {
  const first = list[0];
  if (first === undefined) throw new Error("no forwarding rule was created for the GCP endpoint service");
  return first;
}
