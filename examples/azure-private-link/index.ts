import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";
import { PrivateConnectionStrings, PrivateEndpoint, PrivateEndpointService } from "pulumi-atlas-private-endpoint";

const config = new pulumi.Config();
const projectId = config.require("projectId");
/** The cluster the application connects to, with its nodes in `location`. */
const clusterName = config.require("clusterName");
// One location for the Atlas service and the virtual network that connects to it.
const location = config.get("location") ?? "eastus2";

const service = new PrivateEndpointService("atlas-azure", {
  projectId,
  providerName: "AZURE",
  region: location,
});

// Atlas sets the Private Link Service id for every Azure service that is ready, which creating the resource waits for.
const privateLinkServiceId = service.privateLinkServiceResourceId.apply((id) => {
  if (id === null) throw new Error("Atlas reported no privateLinkServiceResourceId for the Azure endpoint service");
  return id;
});

const resourceGroup = new resources.ResourceGroup("atlas-private-link", { location });

const virtualNetwork = new network.VirtualNetwork("atlas-vnet", {
  resourceGroupName: resourceGroup.name,
  location,
  addressSpace: { addressPrefixes: ["10.1.0.0/16"] },
});

const subnet = new network.Subnet("atlas-endpoints", {
  resourceGroupName: resourceGroup.name,
  virtualNetworkName: virtualNetwork.name,
  addressPrefix: "10.1.1.0/24",
  // Azure's default: network security groups and route tables do not apply to the private endpoints in it.
  privateEndpointNetworkPolicies: "Disabled",
});

// Atlas owns the Private Link Service, so the connection cannot be approved from this subscription: it is a manual
// connection (Atlas' docs: `az network private-endpoint create --manual-request true`). azure-native models that as
// `manualPrivateLinkServiceConnections` (azurerm's `is_manual_connection = true`); Atlas approves it when the
// endpoint is registered with the project (see README).
const privateEndpoint = new network.PrivateEndpoint("atlas-endpoint", {
  resourceGroupName: resourceGroup.name,
  location,
  subnet: { id: subnet.id },
  manualPrivateLinkServiceConnections: [
    {
      name: "atlas",
      privateLinkServiceId,
      requestMessage: pulumi.interpolate`MongoDB Atlas project ${projectId}`,
    },
  ],
});

// Registering the endpoint with Atlas needs its private IP, which Azure reports on the endpoint's network interface.
const networkInterfaceName = privateEndpoint.networkInterfaces.apply((interfaces) => {
  const id = interfaces[0]?.id;
  if (id === undefined) throw new Error("Azure reported no network interface for the private endpoint");
  return id.slice(id.lastIndexOf("/") + 1);
});
const networkInterface = network.getNetworkInterfaceOutput({
  resourceGroupName: resourceGroup.name,
  networkInterfaceName,
});

const privateEndpointIpAddress = networkInterface.apply((nic) => {
  const ip = nic.ipConfigurations?.[0]?.privateIPAddress;
  if (ip === undefined) throw new Error("Azure reported no private IP address for the private endpoint");
  return ip;
});

// The second half of the link: register the private endpoint (its ARM id and IP) with the Atlas service, which then
// approves the manual connection; `pulumi up` waits until Atlas reports the link AVAILABLE. Mind the official names:
// `privateLinkId` is Atlas' service, `endpointServiceId` is the cloud's endpoint.
const link = new PrivateEndpoint("atlas-azure-link", {
  projectId,
  providerName: "AZURE",
  privateLinkId: service.privateLinkId,
  endpointServiceId: privateEndpoint.id,
  privateEndpointIpAddress,
});

/** The Atlas endpoint service id. */
export const privateLinkId = service.privateLinkId;
/** The Private Link Service Atlas created (`pls_…`). */
export const privateLinkServiceName = service.privateLinkServiceName;
/** The private endpoint registered with Atlas. */
export const privateEndpointId = privateEndpoint.id;
/** Its private IP address: what the private connection strings resolve to. */
export { privateEndpointIpAddress };
/** `AVAILABLE` once the link is up. */
export const connectionStatus = link.azureStatus;
/** The connection name Atlas gave the approved connection. */
export const privateEndpointConnectionName = link.privateEndpointConnectionName;

// What the link is for: the cluster's connection string over it, once Atlas publishes it and the cluster is IDLE.
// The entry holds the private endpoint by its ARM id, which the link's endpointServiceId is.
const strings = new PrivateConnectionStrings("atlas-uri", {
  projectId,
  clusterName,
  endpointIds: [link.endpointServiceId],
});

/** What the application connects with, from inside the virtual network: the cluster's SRV string over the link. */
export const mongoUri = strings.srvConnectionString;
