/**
 * Made-up cloud endpoints to register with an endpoint service, one per cloud's shape (AWS VPC endpoint, Azure private
 * endpoint, GCP forwarding rules without port mapping, one per service attachment), for the soak and the benchmarks.
 * Distinct per `n`, so many registrations never collide.
 */

/** Forwarding rules of a GCP registration: one per service attachment, 6 as the emulator's default (and the recordings). */
const GCP_RULES = 6;

/** A `PrivateEndpoint`'s program inputs (without `__provider`) registering cloud endpoint `n` with a service. */
export function registrationNews(
  providerName: "AWS" | "AZURE" | "GCP",
  projectId: string,
  privateLinkId: string,
  n: number,
): Record<string, unknown> {
  const base = { projectId, providerName, privateLinkId, resourceName: `link-${n}` };
  const hex = n.toString(16).padStart(17, "0");
  const octet = (n % 250) + 2;
  switch (providerName) {
    case "AWS":
      return { ...base, endpointServiceId: `vpce-${hex}` };
    case "AZURE":
      return {
        ...base,
        endpointServiceId: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-links/providers/Microsoft.Network/privateEndpoints/pe-${n}`,
        privateEndpointIpAddress: `10.1.${Math.floor(n / 250) % 250}.${octet}`,
      };
    case "GCP":
      return {
        ...base,
        endpointServiceId: `atlas-group-${n}`,
        gcpProjectId: "my-project-123",
        endpoints: Array.from({ length: GCP_RULES }, (_, i) => ({
          endpointName: `atlas-rule-${n}-${i}`,
          ipAddress: `10.128.${i}.${octet}`,
        })),
      };
  }
}
