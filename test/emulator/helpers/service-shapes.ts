/** The fields of an endpoint service per provider, in the order Atlas sends them (from the recordings). */
export const SERVICE_FIELDS = {
  AWS: [
    "cloudProvider",
    "endpointServiceName",
    "errorMessage",
    "id",
    "interfaceEndpoints",
    "regionName",
    "status",
    "supportedRemoteRegions",
  ],
  AZURE: [
    "cloudProvider",
    "errorMessage",
    "id",
    "privateEndpoints",
    "privateLinkServiceName",
    "privateLinkServiceResourceId",
    "regionName",
    "status",
  ],
  GCP: [
    "cloudProvider",
    "endpointGroupNames",
    "errorMessage",
    "id",
    "portMappingEnabled",
    "regionName",
    "serviceAttachmentNames",
    "status",
  ],
} as const;

/** Formats of string values (and of array items), by field; each is checked against the recordings too. */
export const FIELD_FORMATS: Readonly<Record<string, RegExp>> = {
  cloudProvider: /^(AWS|AZURE|GCP)$/,
  id: /^[0-9a-f]{24}$/,
  regionName: /^[A-Z][A-Z0-9_]+$/,
  status: /^(INITIATING|AVAILABLE|WAITING_FOR_USER|FAILED|DELETING)$/,
  endpointServiceName: /^com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-f]{17}$/,
  privateLinkServiceName: /^pls_[0-9a-f]{24}$/,
  privateLinkServiceResourceId:
    /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/resourceGroups\/rg_[0-9a-f]{24}_[a-z0-9]{8}\/providers\/Microsoft\.Network\/privateLinkServices\/pls_[0-9a-f]{24}$/,
  serviceAttachmentNames:
    /^projects\/p-[a-z0-9]{24}\/regions\/[a-z0-9-]+\/serviceAttachments\/sa-[a-z0-9-]+-[0-9a-f]{24}-\d+$/,
  // The spec says 24-hex ids; Atlas lists the registered VPC endpoint ids (private-endpoint-facts.md §7).
  interfaceEndpoints: /^vpce-[0-9a-zA-Z]+$/,
  supportedRemoteRegions: /^[A-Z][A-Z0-9_]+$/,
};

/** The JSON type of a value, telling arrays and null apart. */
export function jsonType(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}
