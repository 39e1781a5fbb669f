import type { ProviderName } from "../regions/regions";
import { atlasError } from "./atlas-error";
import { parseObject, type Parsed } from "./endpoint-service-request";

/** A validated registration request: the id it will be known by, and what each cloud sends besides. */
export type RegistrationRequest =
  | { readonly provider: "AWS"; readonly endpointId: string }
  | { readonly provider: "AZURE"; readonly endpointId: string; readonly privateEndpointIPAddress: string }
  | {
      readonly provider: "GCP";
      readonly endpointId: string;
      readonly gcpProjectId: string;
      readonly endpoints: readonly { readonly endpointName: string; readonly ipAddress: string }[];
    };

/** AWS VPC endpoint ids, as Atlas' malformed-id message words it: `vpce-` then alphanumerics. */
const AWS_ENDPOINT_ID = /^vpce-[0-9a-zA-Z]+$/;
/** An Azure private endpoint's ARM id. */
const AZURE_ENDPOINT_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateEndpoints\/[^/]+$/i;
const IPV4 = /^((25[0-5]|(2[0-4]|1\d|[1-9]|)\d)\.){3}(25[0-5]|(2[0-4]|1\d|[1-9]|)\d)$/;

/** True when `id` has the shape Atlas accepts for an AWS interface endpoint. */
export function isAwsEndpointId(id: string): boolean {
  return AWS_ENDPOINT_ID.test(id);
}

/** True when `id` is an Azure private endpoint ARM id (unencoded). */
export function isAzureEndpointId(id: string): boolean {
  return AZURE_ENDPOINT_ID.test(id);
}

/**
 * Validates `POST …/{cloudProvider}/endpointService/{id}/endpoint` for `provider` (from the path: the body's own
 * `cloudProvider` is optional and no real client sends it). `portMapping` is the service's setting: then GCP takes
 * exactly one endpoint, whose name is the registration's id (`endpointGroupName` is required but ignored).
 */
export function parseRegistrationRequest(
  text: string,
  provider: ProviderName,
  portMapping: boolean,
): Parsed<RegistrationRequest> {
  const json = parseObject(text);
  if (!json.ok) return json;
  const body = json.value;
  if (body.cloudProvider !== undefined && body.cloudProvider !== null && body.cloudProvider !== provider) {
    return fail("INVALID_ATTRIBUTE", ["cloudProvider"]);
  }
  switch (provider) {
    case "AWS": {
      const id = requiredString(body, "id");
      if (!id.ok) return id;
      if (!isAwsEndpointId(id.value)) return fail("PRIVATELINK_INTERFACE_ENDPOINT_ID_MALFORMED", []);
      return { ok: true, value: { provider, endpointId: id.value } };
    }
    case "AZURE": {
      const id = requiredString(body, "id");
      if (!id.ok) return id;
      if (!isAzureEndpointId(id.value)) return fail("INVALID_ATTRIBUTE", ["id"]);
      const ip = requiredString(body, "privateEndpointIPAddress");
      if (!ip.ok) return ip;
      if (!IPV4.test(ip.value)) return fail("INVALID_ATTRIBUTE", ["privateEndpointIPAddress"]);
      return { ok: true, value: { provider, endpointId: id.value, privateEndpointIPAddress: ip.value } };
    }
    case "GCP":
      return parseGcp(body, portMapping);
  }
}

function parseGcp(body: Record<string, unknown>, portMapping: boolean): Parsed<RegistrationRequest> {
  const group = requiredString(body, "endpointGroupName");
  if (!group.ok) return group;
  // The spec's gcpProjectId pattern looks Atlas-internal and real clients send plain project ids: not enforced.
  const project = requiredString(body, "gcpProjectId");
  if (!project.ok) return project;
  const raw = body.endpoints ?? [];
  if (!Array.isArray(raw)) return fail("INVALID_JSON_ATTRIBUTE", ["endpoints"]);
  const endpoints: { endpointName: string; ipAddress: string }[] = [];
  for (const item of raw as unknown[]) {
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      return fail("INVALID_JSON_ATTRIBUTE", ["endpoints"]);
    }
    const name = requiredString(item as Record<string, unknown>, "endpointName");
    if (!name.ok) return name;
    const ip = requiredString(item as Record<string, unknown>, "ipAddress");
    if (!ip.ok) return ip;
    if (!IPV4.test(ip.value)) return fail("INVALID_ATTRIBUTE", ["ipAddress"]);
    if (endpoints.some((e) => e.endpointName === name.value)) {
      return fail("VALIDATION_ERROR", [`endpoint ${name.value} is listed twice`]);
    }
    endpoints.push({ endpointName: name.value, ipAddress: ip.value });
  }
  const [first] = endpoints;
  if (portMapping) {
    if (first === undefined || endpoints.length !== 1) {
      return fail("VALIDATION_ERROR", ["a port-mapped endpoint service takes exactly one endpoint"]);
    }
    return {
      ok: true,
      value: { provider: "GCP", endpointId: first.endpointName, gcpProjectId: project.value, endpoints },
    };
  }
  return { ok: true, value: { provider: "GCP", endpointId: group.value, gcpProjectId: project.value, endpoints } };
}

function requiredString(body: Record<string, unknown>, name: string): Parsed<string> {
  const value = body[name];
  if (value === undefined || value === null) return fail("MISSING_ATTRIBUTE", [name]);
  if (typeof value !== "string") return fail("INVALID_JSON_ATTRIBUTE", [name]);
  if (value === "") return fail("INVALID_ATTRIBUTE", [name]);
  return { ok: true, value };
}

function fail(code: string, parameters: readonly string[]): { ok: false; error: ReturnType<typeof atlasError> } {
  return { ok: false, error: atlasError(code, parameters) };
}
