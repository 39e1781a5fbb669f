import type { ProviderName } from "../../regions/regions";
import {
  UNKNOWN_VALUE,
  checkProviderName,
  show,
  type Fail,
  checkResourceInputs,
  type InputRules,
} from "../lifecycle/checks";
import { AWS_ENDPOINT_ID, AZURE_ENDPOINT_ID, GCP_NAME } from "../lifecycle/endpoint-ids";
import type { CheckAnswer } from "../lifecycle/description";
import { INPUT_NAMES, TIMEOUT_KEYS } from "./inputs";

const ATLAS_ID = /^[0-9a-f]{24}$/i;
/** A Google Cloud project id (optionally domain-scoped); Atlas' own `p-…` form fits too. */
const GCP_PROJECT_ID = /^([a-z0-9.-]+:)?[a-z][-a-z0-9]{4,28}[a-z0-9]$/;
const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

const EXAMPLES: Readonly<Record<ProviderName, string>> = {
  AWS: "the VPC endpoint id, e.g. vpce-0123456789abcdef0 (aws.ec2.VpcEndpoint's id)",
  AZURE:
    "the private endpoint's ARM id, /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/privateEndpoints/<name> (azure-native.network.PrivateEndpoint's id)",
  GCP: "the endpoint group name or, with port mapping, the forwarding rule's name (lower-case letters, digits and hyphens)",
};

const RULES: InputRules = {
  resourceType: "PrivateEndpoint",
  inputNames: INPUT_NAMES,
  flags: ["deleteOnCreateTimeout", "adoptExisting"],
  timeoutKeys: TIMEOUT_KEYS,
};

/**
 * Validates and normalises a registration's inputs without any network call (it also runs in preview): per cloud,
 * the fields that cloud takes and no others, the id formats, and the swap of the two confusingly named ids. The
 * provider name is upper-cased and the project id lower-cased. Unknown values pass through.
 */
export function checkRegistrationInputs(news: Record<string, unknown>): CheckAnswer {
  return checkResourceInputs(news, RULES, (inputs, fail) => {
    const provider = checkProviderName(news["providerName"], inputs, fail);
    const swapped = checkSwap(news["privateLinkId"], news["endpointServiceId"], fail);
    if (!swapped.privateLinkId) checkPrivateLinkId(news["privateLinkId"], fail);
    if (!swapped.endpointServiceId) checkEndpointServiceId(news["endpointServiceId"], provider, fail);
    if (provider !== undefined) checkCloudFields(news, provider, fail);
  });
}

const SWAP_HINT =
  "privateLinkId takes the Atlas endpoint service id (PrivateEndpointService.privateLinkId, 24 hex digits) and endpointServiceId takes the cloud's endpoint (AWS vpce-…, Azure private endpoint ARM id, GCP endpoint group or forwarding rule name): the official names are swapped";

/** The official names swap meanings and users get it wrong: say which value goes where. */
function checkSwap(
  privateLinkId: unknown,
  endpointServiceId: unknown,
  fail: Fail,
): { privateLinkId: boolean; endpointServiceId: boolean } {
  const cloudInLink =
    typeof privateLinkId === "string" &&
    (/^vpce-/i.test(privateLinkId.trim()) || /^\/subscriptions\//i.test(privateLinkId.trim()));
  const atlasInEndpoint = typeof endpointServiceId === "string" && ATLAS_ID.test(endpointServiceId.trim());
  if (cloudInLink) {
    fail(
      "privateLinkId",
      `privateLinkId ${show(privateLinkId)} is a cloud endpoint id; it goes in endpointServiceId. ${SWAP_HINT}`,
    );
  }
  if (atlasInEndpoint) {
    fail(
      "endpointServiceId",
      `endpointServiceId ${show(endpointServiceId)} is an Atlas endpoint service id; it goes in privateLinkId. ${SWAP_HINT}`,
    );
  }
  return { privateLinkId: cloudInLink, endpointServiceId: atlasInEndpoint };
}

function checkPrivateLinkId(value: unknown, fail: Fail): void {
  if (value === UNKNOWN_VALUE) return;
  if (value === undefined || value === "") {
    fail(
      "privateLinkId",
      "privateLinkId is required: the Atlas endpoint service id (24 hex digits), e.g. PrivateEndpointService.privateLinkId",
    );
  } else if (typeof value !== "string" || !ATLAS_ID.test(value)) {
    fail(
      "privateLinkId",
      `privateLinkId ${show(value)} is not an Atlas endpoint service id; use PrivateEndpointService.privateLinkId (24 hex digits)`,
    );
  }
}

function checkEndpointServiceId(value: unknown, provider: ProviderName | undefined, fail: Fail): void {
  if (value === UNKNOWN_VALUE) return;
  if (value === undefined || value === "") {
    fail(
      "endpointServiceId",
      `endpointServiceId is required: the cloud's endpoint${provider === undefined ? "" : `, ${EXAMPLES[provider]}`}`,
    );
    return;
  }
  if (typeof value !== "string") {
    fail("endpointServiceId", `endpointServiceId must be a string, got ${show(value)}`);
    return;
  }
  if (provider === undefined) return;
  const pattern = { AWS: AWS_ENDPOINT_ID, AZURE: AZURE_ENDPOINT_ID, GCP: GCP_NAME }[provider];
  if (!pattern.test(value)) {
    const hint =
      provider === "AWS" && /^vpce-[0-9A-Fa-f]{17}$/.test(value)
        ? "; write the hex digits in lower case"
        : provider === "AZURE" && /^\/subscriptions\//i.test(value)
          ? " (an ARM id of a Microsoft.Network/privateEndpoints resource)"
          : "";
    fail(
      "endpointServiceId",
      `endpointServiceId ${show(value)} is not ${provider === "GCP" ? "a" : "an"} ${provider} endpoint id${hint}; use ${EXAMPLES[provider]}`,
    );
  }
}

/** The fields each cloud takes: required ones present and well-formed, others rejected with the fix. */
function checkCloudFields(news: Record<string, unknown>, provider: ProviderName, fail: Fail): void {
  const ip = news["privateEndpointIpAddress"];
  const gcpProjectId = news["gcpProjectId"];
  const endpoints = news["endpoints"];
  const notFor = (property: string, why: string): void => {
    fail(property, `${property} does not apply to ${provider}${why}; remove it`);
  };
  switch (provider) {
    case "AWS":
      if (ip !== undefined) notFor("privateEndpointIpAddress", " (AWS registers the VPC endpoint by its id alone)");
      if (gcpProjectId !== undefined) notFor("gcpProjectId", " (it is for GCP)");
      if (endpoints !== undefined) notFor("endpoints", " (it is for GCP without port mapping)");
      return;
    case "AZURE":
      if (ip === undefined) {
        fail(
          "privateEndpointIpAddress",
          "privateEndpointIpAddress is required for AZURE: the private endpoint's IP address (e.g. its networkInterfaces' private IP), such as 10.0.0.4",
        );
      } else checkIp("privateEndpointIpAddress", ip, fail);
      if (gcpProjectId !== undefined) notFor("gcpProjectId", " (it is for GCP)");
      if (endpoints !== undefined) notFor("endpoints", " (it is for GCP without port mapping)");
      return;
    case "GCP":
      checkGcpProjectId(gcpProjectId, fail);
      if (ip !== undefined && endpoints !== undefined) {
        fail(
          "endpoints",
          "set exactly one of endpoints (a service without port mapping: one forwarding rule per service attachment) or privateEndpointIpAddress (a service with port mapping: its one forwarding rule), not both",
        );
      } else if (ip === undefined && endpoints === undefined) {
        fail(
          "endpoints",
          "GCP needs exactly one of endpoints (a service without port mapping: [{ endpointName, ipAddress }] per forwarding rule) or privateEndpointIpAddress (a service with port mapping: the forwarding rule's address)",
        );
      }
      if (ip !== undefined) checkIp("privateEndpointIpAddress", ip, fail);
      if (endpoints !== undefined) checkEndpoints(endpoints, fail);
      return;
  }
}

function checkIp(property: string, value: unknown, fail: Fail): void {
  if (value === UNKNOWN_VALUE) return;
  if (typeof value !== "string" || !IPV4.test(value)) {
    fail(property, `${property} ${show(value)} is not an IPv4 address; write it like 10.0.0.4`);
  }
}

function checkGcpProjectId(value: unknown, fail: Fail): void {
  if (value === UNKNOWN_VALUE) return;
  if (value === undefined || value === "") {
    fail(
      "gcpProjectId",
      "gcpProjectId is required for GCP: the Google Cloud project id that holds the forwarding rules, e.g. my-project-123",
    );
  } else if (typeof value !== "string" || !GCP_PROJECT_ID.test(value)) {
    fail(
      "gcpProjectId",
      `gcpProjectId ${show(value)} is not a Google Cloud project id; use 6 to 30 lower-case letters, digits and hyphens, starting with a letter, e.g. my-project-123`,
    );
  }
}

function checkEndpoints(value: unknown, fail: Fail): void {
  if (value === UNKNOWN_VALUE) return;
  if (!Array.isArray(value) || value.length === 0) {
    fail(
      "endpoints",
      `endpoints must be a non-empty list of { endpointName, ipAddress }, one per forwarding rule, got ${show(value)}`,
    );
    return;
  }
  const seen = new Map<string, number>();
  value.forEach((entry: unknown, index) => {
    const at = `endpoints[${index}]`;
    if (entry === UNKNOWN_VALUE) return;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      fail(at, `${at} must be { endpointName, ipAddress }, got ${show(entry)}`);
      return;
    }
    const record = entry as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key !== "endpointName" && key !== "ipAddress") {
        fail(`${at}.${key}`, `unknown property ${show(key)} in ${at}; an endpoint takes endpointName and ipAddress`);
      }
    }
    const name = record["endpointName"];
    if (name !== UNKNOWN_VALUE) {
      if (typeof name !== "string" || !GCP_NAME.test(name)) {
        fail(
          `${at}.endpointName`,
          `${at}.endpointName ${show(name)} is not a forwarding rule name; use the rule's name (lower-case letters, digits and hyphens, starting with a letter, at most 63)`,
        );
      } else if (seen.has(name)) {
        fail(
          `${at}.endpointName`,
          `${at}.endpointName ${show(name)} is also endpoints[${seen.get(name) ?? 0}]'s; each forwarding rule is listed once, remove the duplicate`,
        );
      } else seen.set(name, index);
    }
    checkIp(`${at}.ipAddress`, record["ipAddress"], fail);
  });
}
