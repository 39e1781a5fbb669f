/**
 * What kind of failure an {@link AtlasApiError} is, so callers branch on meaning rather than on status codes:
 * `auth` (credentials refused), `permission` (authenticated but not allowed), `not-found`, `conflict`,
 * `bad-request`, `rate-limit`, `server` (5xx), `network` (no answer), `unknown` (anything else).
 */
export type AtlasErrorCategory =
  "auth" | "permission" | "not-found" | "conflict" | "bad-request" | "rate-limit" | "server" | "network" | "unknown";

/** The fields of an Atlas error; every one is optional because proxies answer with HTML or nothing. */
export interface AtlasErrorFields {
  /** HTTP status, absent for network failures. */
  readonly status?: number;
  /** Atlas' `errorCode`, e.g. `PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION`. */
  readonly errorCode?: string;
  /** Atlas' `detail` sentence. */
  readonly detail?: string;
  /** Atlas' `reason` (the HTTP reason phrase). */
  readonly reason?: string;
  /** Atlas' `parameters`. */
  readonly parameters?: readonly unknown[];
  /** The seconds a server asked us to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;
  /** The network error code (`ECONNRESET`, `ECONNREFUSED`, `ETIMEDOUT`, …) for failures without an answer. */
  readonly networkCode?: string;
}

/** What one failed call was: method and path (query included, never a header or a body). */
export interface AtlasRequestDescription {
  readonly method: string;
  readonly path: string;
  /** Scheme, host and port, named in messages about failures without an answer. */
  readonly origin?: string;
}

/**
 * A failed Atlas Admin API call. It carries what Atlas said and which call it was, never credentials, headers,
 * request bodies or tokens, so it is safe to print, log and store.
 */
export class AtlasApiError extends Error {
  override readonly name = "AtlasApiError";
  readonly category: AtlasErrorCategory;
  readonly status: number | undefined;
  readonly errorCode: string | undefined;
  readonly detail: string | undefined;
  readonly reason: string | undefined;
  readonly parameters: readonly unknown[];
  readonly retryAfterMs: number | undefined;
  readonly networkCode: string | undefined;
  readonly method: string;
  readonly path: string;
  /**
   * True when the request may have been carried out although it failed (a write whose answer was lost or was a
   * 5xx): the caller must look before trying again.
   */
  readonly ambiguous: boolean;

  constructor(
    category: AtlasErrorCategory,
    request: AtlasRequestDescription,
    fields: AtlasErrorFields,
    options: { ambiguous?: boolean; cause?: unknown } = {},
  ) {
    super(describe(category, request, fields), options.cause === undefined ? undefined : { cause: options.cause });
    this.category = category;
    this.status = fields.status;
    this.errorCode = fields.errorCode;
    this.detail = fields.detail;
    this.reason = fields.reason;
    this.parameters = fields.parameters ?? [];
    this.retryAfterMs = fields.retryAfterMs;
    this.networkCode = fields.networkCode;
    this.method = request.method;
    this.path = request.path;
    this.ambiguous = options.ambiguous ?? false;
  }
}

function describe(category: AtlasErrorCategory, request: AtlasRequestDescription, fields: AtlasErrorFields): string {
  const call = `${request.method} ${request.origin ?? ""}${request.path}`;
  if (fields.status === undefined) {
    return `Atlas did not answer ${call}: ${fields.networkCode ?? "connection failed"}`;
  }
  const code = fields.errorCode === undefined ? "" : ` ${fields.errorCode}`;
  const detail = fields.detail === undefined ? "" : `: ${fields.detail}`;
  const hint = HINTS[category];
  return `Atlas answered ${fields.status}${code} to ${call}${detail}${hint === undefined ? "" : ` (${hint})`}`;
}

/** What to do, for the failures a user can fix. */
const HINTS: Partial<Record<AtlasErrorCategory, string>> = {
  auth: "check the credentials: mongodbatlas:publicKey/privateKey, clientId/clientSecret or accessToken, or the MONGODB_ATLAS_* environment variables",
  permission:
    "the API key or service account needs the Project Owner role on this project to create, change or delete, Project Read Only to read",
};

const PERMISSION_CODES: readonly string[] = [
  "USER_UNAUTHORIZED",
  "NOT_IN_GROUP",
  "ACCESS_FORBIDDEN",
  "ORG_NOT_IN_GROUP",
];

/** Picks the category of an answered failure from its status and Atlas error code. */
export function categoryOf(status: number, errorCode: string | undefined): AtlasErrorCategory {
  if (errorCode !== undefined && PERMISSION_CODES.includes(errorCode)) return "permission";
  if (status === 401) return "auth";
  if (status === 403) return "permission";
  if (status === 404) return "not-found";
  if (status === 409) return "conflict";
  if (status === 429) return "rate-limit";
  if (status >= 500) return "server";
  if (status >= 400) return "bad-request";
  return "unknown";
}

/** The one factory for answered failures: reads Atlas' error body when there is one (HTML and empty bodies too). */
export function atlasErrorFromResponse(
  request: AtlasRequestDescription,
  response: { status: number; body: unknown; retryAfterMs?: number; errorCodeHeader?: string },
  options: { ambiguous?: boolean } = {},
): AtlasApiError {
  const body = isRecord(response.body) ? response.body : {};
  const errorCode = stringField(body, "errorCode") ?? response.errorCodeHeader;
  const fields: AtlasErrorFields = {
    status: response.status,
    ...optional("errorCode", errorCode),
    ...optional("detail", stringField(body, "detail")),
    ...optional("reason", stringField(body, "reason")),
    ...optional("parameters", Array.isArray(body["parameters"]) ? (body["parameters"] as unknown[]) : undefined),
    ...optional("retryAfterMs", response.retryAfterMs),
  };
  return new AtlasApiError(categoryOf(response.status, errorCode), request, fields, options);
}

/** The factory for failures without an answer (refused, reset, timed out). */
export function atlasErrorFromNetwork(
  request: AtlasRequestDescription,
  networkCode: string,
  options: { ambiguous: boolean },
): AtlasApiError {
  return new AtlasApiError("network", request, { networkCode }, options);
}

/** True for an {@link AtlasApiError}, also one from another copy of this module (matched by `name`). */
export function isAtlasApiError(error: unknown): error is AtlasApiError {
  return (
    error instanceof AtlasApiError || (isRecord(error) && error["name"] === "AtlasApiError" && "category" in error)
  );
}

/** Failures worth waiting out: rate limits, server errors and lost connections. Everything else ends a wait. */
export function isTransientFailure(error: unknown): boolean {
  return isAtlasApiError(error) && ["rate-limit", "server", "network"].includes(error.category);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function stringField(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === "string" ? value : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
