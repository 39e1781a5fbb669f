import { STATUS_CODES } from "node:http";
import type { AtlasResult } from "./atlas-result";

/** The codes this emulator answers with, their HTTP status and detail template (`%s` filled from the parameters). */
const KNOWN_ERRORS: Readonly<Record<string, readonly [status: number, detail: string]>> = {
  ATLAS_GENERAL_ERROR: [400, "Reason: %s."],
  CROSS_REGION_PRIVATE_LINK_SELF_REGION: [
    400,
    "The supported remote regions of a private endpoint service cannot include its own region %s.",
  ],
  INVALID_ATTRIBUTE: [400, "Invalid attribute %s specified."],
  INVALID_GROUP_ID: [404, "An invalid group ID %s was specified."],
  INVALID_JSON: [400, "Received JSON does not match expected format."],
  INVALID_JSON_ATTRIBUTE: [400, "Received JSON for the %s attribute does not match expected format."],
  INVALID_PROVIDER: [400, "No provider %s exists."],
  INVALID_QUERY_PARAMETER: [400, "Invalid query parameter %s specified."],
  INVALID_REGION: [400, "No region %s exists for provider %s."],
  INVALID_VERSION_DATE: [406, "Invalid accept header or version date."],
  MISSING_ATTRIBUTE: [400, "The required attribute %s was not specified."],
  VALIDATION_ERROR: [400, "The request content produced the validation error: %s."],
  NOT_IN_GROUP: [401, "The current user is not in the group, or the group does not exist."],
  USER_UNAUTHORIZED: [401, "Current user is not authorized to perform this action."],
  NO_PAYMENT_INFORMATION_FOUND: [402, "No payment information was found for group %s."],
  ACCESS_FORBIDDEN: [403, "Access to this resource is forbidden for current user."],
  GROUP_NOT_FOUND: [404, "No group with ID %s exists."],
  CLUSTER_NOT_FOUND: [404, "No cluster named %s exists in group %s."],
  PRIVATE_ENDPOINT_SERVICE_NOT_FOUND: [404, "Private endpoint service %s not found."],
  PRIVATELINK_INTERFACE_ENDPOINT_NOT_FOUND: [404, "A PrivateLink interface endpoint with id %s does not exist."],
  PRIVATELINK_INTERFACE_ENDPOINT_ID_MALFORMED: [
    404,
    "AWS interface endpoint ids must begin with 'vpce-' followed by a series of alphanumeric characters.",
  ],
  RESOURCE_NOT_FOUND: [404, "Cannot find resource %s."],
  PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION: [
    409,
    "A private endpoint service already exists for %s region %s.",
  ],
  PRIVATELINK_INTERFACE_ENDPOINT_ALREADY_EXISTS: [
    409,
    "The PrivateLink already contains an interface endpoint with the specified id %s.",
  ],
  PRIVATELINK_CANNOT_ACCEPT_ENDPOINTS: [
    409,
    "The PrivateLink with the specified id %s is not ready to accept endpoint connection requests.",
  ],
  MULTIPLE_PRIVATE_ENDPOINTS_RESTRICTED_TO_SINGLE_REGION: [
    409,
    "Projects with multiple private endpoints in the same region cannot support private endpoints in other regions.",
  ],
  // The emulator's own code: Atlas' answer to this refusal was never recorded.
  REGIONALIZED_PRIVATE_ENDPOINTS_REQUIRE_SHARDED_CLUSTERS: [
    409,
    "Regionalized private endpoints can be enabled only when every cluster of the project is sharded; replica sets: %s.",
  ],
  CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS: [
    409,
    "A PrivateLink with endpoints cannot be deleted. Please delete all endpoints and retry.",
  ],
  RATE_LIMITED: [429, "Resource %s is limited to %s requests every %s minutes."],
  RATE_LIMITED_TOKEN_BUCKET: [429, "Too many requests: the rate limit was exceeded. Retry later."],
  UNEXPECTED_ERROR: [500, "Unexpected error."],
  SERVICE_UNAVAILABLE: [503, "Service unavailable. Retry later."],
};

/** The code Atlas uses for a bare status, so a scripted fault with only a status still carries a sensible code. */
const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: "VALIDATION_ERROR",
  401: "UNEXPECTED_ERROR",
  402: "NO_PAYMENT_INFORMATION_FOUND",
  403: "ACCESS_FORBIDDEN",
  404: "RESOURCE_NOT_FOUND",
  429: "RATE_LIMITED_TOKEN_BUCKET",
  500: "UNEXPECTED_ERROR",
  503: "SERVICE_UNAVAILABLE",
};

/** Overrides for {@link atlasError}. */
export interface AtlasErrorOverrides {
  /** HTTP status; defaults to the code's usual status (500 for unknown codes). */
  readonly status?: number;
  /** Detail sentence; defaults to the code's template filled with the parameters. */
  readonly detail?: string;
  /** Extra headers such as `Retry-After`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The one factory for Atlas error answers: `{"detail","error","errorCode","parameters","reason"}` in that (recorded)
 * order, `reason` being the HTTP reason phrase; the answer is sent as `application/json` with `X-Error-Code`.
 */
export function atlasError(
  errorCode: string,
  parameters: readonly (string | number)[] | null = [],
  overrides: AtlasErrorOverrides = {},
): AtlasResult {
  const known = KNOWN_ERRORS[errorCode];
  const status = overrides.status ?? known?.[0] ?? 500;
  const detail = overrides.detail ?? fillTemplate(known?.[1] ?? reasonPhrase(status), parameters ?? []);
  const body = { detail, error: status, errorCode, parameters, reason: reasonPhrase(status) };
  return overrides.headers === undefined
    ? { status, body, errorCode }
    : { status, body, errorCode, headers: overrides.headers };
}

/** The usual Atlas error code for an HTTP status (`UNEXPECTED_ERROR` when there is none). */
export function errorCodeForStatus(status: number): string {
  return CODE_BY_STATUS[status] ?? "UNEXPECTED_ERROR";
}

/**
 * The body of Atlas' authentication filter 401: a different field order and no `parameters`, as recorded (it is
 * printed by the proxy layer, not by the API resource). Returned as an object; callers print it with `prettyJson`.
 */
export function authenticationFailureBody(): Record<string, unknown> {
  return {
    error: 401,
    reason: reasonPhrase(401),
    detail: "You are not authorized for this resource.",
    errorCode: "UNEXPECTED_ERROR",
  };
}

/** The HTTP reason phrase for a status (`Not Found`), or `Unknown` for statuses Node does not name. */
export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? "Unknown";
}

function fillTemplate(template: string, parameters: readonly (string | number)[]): string {
  let index = 0;
  return template.replace(/%s/g, () => String(parameters[index++] ?? ""));
}
