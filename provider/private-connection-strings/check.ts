import { UNKNOWN_VALUE, checkResourceInputs, show, type Fail, type InputRules } from "../lifecycle/checks";
import type { CheckAnswer } from "../lifecycle/description";
import { endpointIdProvider, sameEndpointId } from "../lifecycle/endpoint-ids";
import { INPUT_NAMES, TIMEOUT_KEYS } from "./inputs";

/** A cluster name as Atlas allows it (the spec's pattern for `{clusterName}`). */
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
const ATLAS_ID = /^[0-9a-f]{24}$/i;
const ENDPOINT_KINDS =
  "an AWS VPC endpoint id (vpce-…), an Azure private endpoint's ARM id (/subscriptions/…/privateEndpoints/…), or a GCP endpoint group or forwarding rule name";

const RULES: InputRules = {
  resourceType: "PrivateConnectionStrings",
  inputNames: INPUT_NAMES,
  flags: [],
  timeoutKeys: TIMEOUT_KEYS,
};

/**
 * Validates the inputs without any network call (it also runs in preview): the project id (lower-cased), the cluster
 * name as Atlas allows it, one or more endpoint ids each well-formed for some cloud and none twice, the deadline.
 * Unknown values pass through. Whether the cluster exists is asked at create, which names the project's clusters.
 */
export function checkConnectionStringsInputs(news: Record<string, unknown>): CheckAnswer {
  return checkResourceInputs(news, RULES, (_inputs, fail) => {
    checkClusterName(news["clusterName"], fail);
    checkEndpointIds(news["endpointIds"], fail);
  });
}

function checkClusterName(value: unknown, fail: Fail): void {
  if (value === UNKNOWN_VALUE) return;
  if (value === undefined || value === "") {
    fail("clusterName", "clusterName is required: the cluster's name as Atlas shows it, e.g. orders");
  } else if (typeof value !== "string" || !CLUSTER_NAME.test(value)) {
    fail(
      "clusterName",
      `clusterName ${show(value)} is not a name Atlas gives clusters; use the cluster's name as Atlas shows it (letters, digits and hyphens, starting with a letter or digit), e.g. orders`,
    );
  }
}

function checkEndpointIds(value: unknown, fail: Fail): void {
  if (value === UNKNOWN_VALUE) return;
  if (value === undefined || (Array.isArray(value) && value.length === 0)) {
    fail(
      "endpointIds",
      `endpointIds is required: one or more cloud endpoint ids, such as [PrivateEndpoint's endpointServiceId]: ${ENDPOINT_KINDS}`,
    );
    return;
  }
  if (!Array.isArray(value)) {
    fail("endpointIds", `endpointIds must be a list of cloud endpoint ids, got ${show(value)}; write [${show(value)}]`);
    return;
  }
  value.forEach((id: unknown, index) => {
    if (id === UNKNOWN_VALUE) return;
    const at = `endpointIds[${index}]`;
    if (typeof id !== "string") {
      fail(at, `${at} must be a string (a cloud endpoint id), got ${show(id)}`);
      return;
    }
    const problem = endpointIdProblem(id);
    if (problem !== undefined) {
      fail(at, `${at} ${show(id)} ${problem}`);
      return;
    }
    const first = value.findIndex((other: unknown) => typeof other === "string" && sameEndpointId(other, id));
    if (first < index) fail(at, `${at} ${show(id)} is also endpointIds[${first}]; list each endpoint once`);
  });
}

/** Why a text is not a cloud endpoint id, with the fix; `undefined` for a well-formed one. */
function endpointIdProblem(id: string): string | undefined {
  if (/^[0-9a-f]{24}:./i.test(id)) {
    return "is a PrivateEndpoint's id (<privateLinkId>:<endpoint>); pass its endpointServiceId instead";
  }
  if (ATLAS_ID.test(id)) {
    return `is an Atlas id (24 hex digits), not a cloud endpoint; endpointIds take ${ENDPOINT_KINDS}`;
  }
  if (endpointIdProvider(id) !== undefined) return undefined;
  if (/^vpce-/i.test(id)) {
    return /^vpce-[0-9a-f]{17}$/i.test(id)
      ? "is not an AWS endpoint id; write the hex digits in lower case"
      : "is not an AWS VPC endpoint id; use vpce- and 17 hex digits, e.g. vpce-0123456789abcdef0 (aws.ec2.VpcEndpoint's id)";
  }
  if (id.startsWith("/")) {
    return "is not an Azure private endpoint id; use the ARM id of a Microsoft.Network/privateEndpoints resource (azure-native.network.PrivateEndpoint's id)";
  }
  return `is not a cloud endpoint id; use ${ENDPOINT_KINDS}`;
}
