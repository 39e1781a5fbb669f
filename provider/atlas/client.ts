import {
  accessTokenAuthenticator,
  digestAuthenticator,
  serviceAccountAuthenticator,
  type AtlasCredentials,
  type Authenticator,
} from "./auth";
import { fetchServiceAccountToken } from "./oauth-token";
import type { ProviderName } from "../../regions/regions";
import { AtlasTransport, type CallLimits, type TransportRequest, type TransportSettings } from "./transport";
import type {
  AtlasCluster,
  AtlasClusterSummary,
  AtlasEndpointService,
  AtlasPage,
  AtlasRegionalMode,
  AtlasRegistration,
  CreateEndpointServiceRequest,
  CreateRegistrationRequest,
  UpdateEndpointServiceRequest,
} from "./types";
import { resolveRetryOptions, type RetryOptions } from "../retry/backoff";
import { systemRetryClock, type RetryClock } from "../retry/retry";

/** The Admin API versions this client speaks. `v1.0` is the default (the documented create call's version). */
export type AtlasApiVersion = "v1.0" | "v2";

/** The media type of each API version. */
export const MEDIA_TYPES: Readonly<Record<AtlasApiVersion, string>> = {
  "v1.0": "application/json",
  v2: "application/vnd.atlas.2023-01-01+json",
};

/** Options of {@link AtlasClient}. */
export interface AtlasClientOptions {
  /** Where Atlas is. Default `https://cloud.mongodb.com`; plain `http://` only for loopback hosts. */
  baseUrl?: string;
  /** Admin API version. Default `v1.0`. */
  apiVersion?: AtlasApiVersion;
  /** Who calls. */
  credentials: AtlasCredentials;
  /** Retries of transient failures. */
  retry?: RetryOptions;
  /** Per-request timeout. Default 30 000 ms. */
  requestTimeoutMs?: number;
  /** Sent as `User-Agent`. */
  userAgent?: string;
  /** Time and randomness (tests). */
  clock?: RetryClock;
}

/** The commercial Atlas. */
export const ATLAS_BASE_URL = "https://cloud.mongodb.com";
/** Atlas for Government (`mongodbatlas:isMongodbgovCloud: true`). */
export const ATLAS_GOV_BASE_URL = "https://cloud.mongodbgov.com";
const DEFAULT_USER_AGENT = "pulumi-atlas-private-endpoint";
/** The v2 version of the regional mode routes (their only one). */
const REGIONAL_MODE_VERSION = "2023-01-01";
/**
 * The v2 version of the cluster routes, whatever `apiVersion` says: the one whose region configs name their cloud
 * (multi-cloud clusters), and the one without a sunset date (2023-01-01 and 2023-02-01 end in July 2027);
 * `connectionStrings` is the same in every version.
 */
const CLUSTERS_VERSION = "2024-08-05";

const CARRIES_CREDENTIALS = "the base URL must not carry credentials; configure them as keys instead";

/**
 * Checks a base URL: no credentials in it, absolute, `https:` or loopback `http:` (credentials and tokens must not
 * travel in clear). Returns the URL without a trailing slash, or a sentence saying what is wrong and how to fix it,
 * which never repeats credentials written into the URL.
 */
export function checkBaseUrl(baseUrl: string): { ok: true; url: string } | { ok: false; problem: string } {
  // Anything before an `@` may be a user and password, whether or not the rest parses: never echo it.
  if (authorityOf(baseUrl).includes("@")) return { ok: false, problem: CARRIES_CREDENTIALS };
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    return { ok: false, problem: `"${baseUrl}" is not an absolute URL; use e.g. ${ATLAS_BASE_URL}` };
  }
  if (parsed.username !== "" || parsed.password !== "") return { ok: false, problem: CARRIES_CREDENTIALS };
  const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(parsed.hostname);
  if (parsed.protocol === "http:" && !loopback) {
    return {
      ok: false,
      problem: `"${baseUrl}" uses plain http to a remote host, which would send credentials in clear; use https:// (plain http is allowed only for localhost/127.0.0.1/[::1])`,
    };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return { ok: false, problem: `"${baseUrl}" must start with https://` };
  }
  return { ok: true, url: parsed.origin + parsed.pathname.replace(/\/+$/, "") };
}

/**
 * The part of a URL text where a user and password would be: after `scheme://` (or a leading `//`) up to the query, or
 * the whole text without a scheme. A password may hold `/`, so the path is included: an `@` there is refused too.
 */
function authorityOf(text: string): string {
  const afterScheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text)?.[0].length ?? (text.startsWith("//") ? 2 : 0);
  return text.slice(afterScheme).split(/[?#]/)[0] ?? "";
}

/**
 * The Atlas Admin API calls for private endpoint services, the cloud endpoints registered with them, and the clusters
 * reached over them. One client per set of credentials; it keeps the digest
 * nonce, the service-account token and the per-project rate-limit pause, so share it between calls.
 */
export class AtlasClient {
  private readonly transport: AtlasTransport;
  /** Reads by waits not yet sent, by project and provider (see {@link AtlasClient.readEndpointServiceForWait}). */
  private readonly sharedReads = new Map<string, { readonly ids: Set<string>; readonly answer: Promise<unknown> }>();
  private readonly prefix: string;
  private readonly mediaType: string;
  /** The limits every call of this client takes (a client from {@link withDeadline} has a deadline). */
  private readonly limits: CallLimits = {};

  constructor(options: AtlasClientOptions) {
    const checked = checkBaseUrl(options.baseUrl ?? ATLAS_BASE_URL);
    if (!checked.ok) throw new Error(`Atlas base URL: ${checked.problem}`);
    const apiVersion = options.apiVersion ?? "v1.0";
    const clock = options.clock ?? systemRetryClock;
    const settings: TransportSettings = {
      baseUrl: checked.url,
      timeoutMs: options.requestTimeoutMs ?? 30_000,
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
      retry: resolveRetryOptions(options.retry),
      clock,
    };
    this.prefix = `/api/atlas/${apiVersion}`;
    this.mediaType = MEDIA_TYPES[apiVersion];
    this.transport = new AtlasTransport(settings, authenticatorFor(options.credentials, settings));
  }

  /**
   * This client for the calls of one operation that must end by `deadlineAtMs` (clock time, ms): each call waits out
   * Atlas' rate-limit refusals (429, honouring `Retry-After`) until then, since Atlas did not act on them, while other
   * transient failures keep the per-call retry limits. It shares everything else with this client: credentials, the
   * digest session, the per-project request budgets and the waits' shared reads.
   */
  withDeadline(deadlineAtMs: number): AtlasClient {
    // A view whose prototype is this client: every field is this client's, except the limits.
    const view = Object.create(this) as AtlasClient;
    Object.defineProperty(view, "limits", { value: { deadlineAtMs } satisfies CallLimits });
    return view;
  }

  /** `POST /groups/{projectId}/privateEndpoint/endpointService` (201 on Atlas, any 2xx accepted). */
  async createEndpointService(projectId: string, body: CreateEndpointServiceRequest): Promise<AtlasEndpointService> {
    return this.call("POST", projectId, `/groups/${projectId}/privateEndpoint/endpointService`, body);
  }

  /** `GET /groups/{projectId}/privateEndpoint/{provider}/endpointService/{id}`. */
  async getEndpointService(projectId: string, provider: ProviderName, id: string): Promise<AtlasEndpointService> {
    return this.call("GET", projectId, `/groups/${projectId}/privateEndpoint/${provider}/endpointService/${id}`);
  }

  /**
   * The service, for a wait that polls it: `getEndpointService`, except while the project's rate-limit budget holds
   * requests back. Then the reads of every wait of that project and provider share one request, made when the budget
   * lets it go: the list of the provider's services (a GET of the one service, when only one wait is reading). Under a
   * rate limit a fan-out then spends one request per poll round and provider instead of one per service.
   * A service missing from the list is asked for alone, so a service that is gone still answers 404.
   */
  async readEndpointServiceForWait(
    projectId: string,
    provider: ProviderName,
    id: string,
  ): Promise<AtlasEndpointService> {
    if (!this.transport.isHolding(projectId)) return this.getEndpointService(projectId, provider, id);
    const key = `${projectId}/${provider}`;
    let batch = this.sharedReads.get(key);
    if (batch === undefined) {
      const ids = new Set<string>();
      const listPath = `/groups/${projectId}/privateEndpoint/${provider}/endpointService`;
      const answer = this.transport
        .send(
          projectId,
          () => {
            // Sent now: later reads start their own batch.
            if (this.sharedReads.get(key)?.ids === ids) this.sharedReads.delete(key);
            const only = ids.size === 1 ? [...ids][0] : undefined;
            return this.request("GET", projectId, only === undefined ? listPath : `${listPath}/${only}`);
          },
          // The first waiter's limits; a waiter with a later deadline polls again after a refusal.
          this.limits,
        )
        .then((response) => response.body);
      batch = { ids, answer };
      this.sharedReads.set(key, batch);
    }
    batch.ids.add(id);
    const body = await batch.answer;
    if (!Array.isArray(body)) return body as AtlasEndpointService;
    const found = (body as AtlasEndpointService[]).find((service) => service.id === id);
    return found ?? this.getEndpointService(projectId, provider, id);
  }

  /** `GET /groups/{projectId}/privateEndpoint/{provider}/endpointService`: every service of that provider. */
  async listEndpointServices(projectId: string, provider: ProviderName): Promise<AtlasEndpointService[]> {
    return this.call("GET", projectId, `/groups/${projectId}/privateEndpoint/${provider}/endpointService`);
  }

  /** `PATCH /groups/{projectId}/privateEndpoint/endpointService/{id}` (AWS remote regions). */
  async updateEndpointService(
    projectId: string,
    id: string,
    body: UpdateEndpointServiceRequest,
  ): Promise<AtlasEndpointService> {
    return this.call("PATCH", projectId, `/groups/${projectId}/privateEndpoint/endpointService/${id}`, body);
  }

  /** `DELETE /groups/{projectId}/privateEndpoint/{provider}/endpointService/{id}` (202 `{}` on Atlas). */
  async deleteEndpointService(projectId: string, provider: ProviderName, id: string): Promise<void> {
    await this.call("DELETE", projectId, `/groups/${projectId}/privateEndpoint/${provider}/endpointService/${id}`);
  }

  /**
   * `POST /groups/{projectId}/privateEndpoint/{provider}/endpointService/{serviceId}/endpoint`: registers a cloud
   * endpoint with the service. Any 2xx is success (the spec says 200, Atlas' sibling calls answer 201); an answer
   * without a body resolves to `undefined`.
   */
  async createRegistration(
    projectId: string,
    provider: ProviderName,
    serviceId: string,
    body: CreateRegistrationRequest,
  ): Promise<AtlasRegistration | undefined> {
    const result = await this.call<AtlasRegistration | undefined>(
      "POST",
      projectId,
      `${registrationsPath(projectId, provider, serviceId)}`,
      body,
    );
    return isRecordBody(result) ? result : undefined;
  }

  /** `GET …/endpointService/{serviceId}/endpoint/{endpointId}`; see {@link registrationPath} for the id. */
  async getRegistration(
    projectId: string,
    provider: ProviderName,
    serviceId: string,
    endpointId: string,
  ): Promise<AtlasRegistration> {
    return this.call("GET", projectId, registrationPath(projectId, provider, serviceId, endpointId));
  }

  /** `DELETE …/endpointService/{serviceId}/endpoint/{endpointId}`; any 2xx (204, or 202 `{}`) is success. */
  async deleteRegistration(
    projectId: string,
    provider: ProviderName,
    serviceId: string,
    endpointId: string,
  ): Promise<void> {
    await this.call("DELETE", projectId, registrationPath(projectId, provider, serviceId, endpointId));
  }

  /** `GET /api/atlas/v2/groups/{projectId}/clusters/{clusterName}` (version 2024-08-05, whatever `apiVersion` says). */
  async getCluster(projectId: string, clusterName: string): Promise<AtlasCluster> {
    return this.callV2(
      "GET",
      projectId,
      `/groups/${projectId}/clusters/${encodeURIComponent(clusterName)}`,
      CLUSTERS_VERSION,
    );
  }

  /**
   * One page of `GET /api/atlas/v2/groups/{projectId}/clusters` with its count (version 2024-08-05), as the Atlas SDK
   * asks for it (`includeCount=true&itemsPerPage=…&pageNum=…`).
   */
  async listClusters(projectId: string, pageNum = 1, itemsPerPage = 100): Promise<AtlasPage<AtlasCluster>> {
    const path = `/groups/${projectId}/clusters?includeCount=true&itemsPerPage=${itemsPerPage}&pageNum=${pageNum}`;
    return this.callV2("GET", projectId, path, CLUSTERS_VERSION);
  }

  /**
   * `GET /api/atlas/v2/groups/{projectId}/privateEndpoint/regionalMode` (version 2023-01-01, whatever `apiVersion`
   * says: regional mode is read and set on v2 only, see docs/decisions/regional-mode.md).
   */
  async getRegionalMode(projectId: string): Promise<AtlasRegionalMode> {
    return this.callV2("GET", projectId, `/groups/${projectId}/privateEndpoint/regionalMode`, REGIONAL_MODE_VERSION);
  }

  /** `PATCH …/privateEndpoint/regionalMode` `{ enabled }`: Atlas answers 202, the spec says 200; any 2xx is success. */
  async setRegionalMode(projectId: string, enabled: boolean): Promise<void> {
    const path = `/groups/${projectId}/privateEndpoint/regionalMode`;
    await this.callV2("PATCH", projectId, path, REGIONAL_MODE_VERSION, { enabled });
  }

  /**
   * Every cluster of the project, all pages of `GET /api/atlas/v2/groups/{projectId}/clusters` (version 2024-08-05,
   * whose regions name their cloud), `itemsPerPage` at a time (default 500, Atlas' maximum: one request for most).
   */
  async listAllClusters(projectId: string, itemsPerPage = 500): Promise<AtlasClusterSummary[]> {
    const clusters: AtlasClusterSummary[] = [];
    for (let pageNum = 1; ; pageNum++) {
      const path = `/groups/${projectId}/clusters?itemsPerPage=${itemsPerPage}&pageNum=${pageNum}`;
      const page = await this.callV2<AtlasPage<AtlasClusterSummary>>("GET", projectId, path, CLUSTERS_VERSION);
      const results = page.results ?? [];
      clusters.push(...results);
      const total = page.totalCount ?? undefined;
      if (results.length < itemsPerPage || (total !== undefined && clusters.length >= total)) return clusters;
    }
  }

  private async call<T>(method: "GET" | "POST" | "PATCH" | "DELETE", projectId: string, path: string, body?: unknown) {
    const response = await this.transport.send(this.request(method, projectId, path, body), this.limits);
    return response.body as T;
  }

  /** A call on `/api/atlas/v2` in the given version (`2023-01-01`), whatever the client's own `apiVersion`. */
  private async callV2<T>(
    method: "GET" | "PATCH",
    projectId: string,
    path: string,
    version: string,
    body?: unknown,
  ): Promise<T> {
    const mediaType = `application/vnd.atlas.${version}+json`;
    const request = { method, uri: `/api/atlas/v2${path}`, projectId, mediaType };
    const response = await this.transport.send(body === undefined ? request : { ...request, body }, this.limits);
    return response.body as T;
  }

  private request(
    method: "GET" | "POST" | "PATCH" | "DELETE",
    projectId: string,
    path: string,
    body?: unknown,
  ): TransportRequest {
    return {
      method,
      uri: `${this.prefix}${path}`,
      projectId,
      mediaType: this.mediaType,
      ...(body === undefined ? {} : { body }),
    };
  }
}

function registrationsPath(projectId: string, provider: ProviderName, serviceId: string): string {
  return `/groups/${projectId}/privateEndpoint/${provider}/endpointService/${serviceId}/endpoint`;
}

/**
 * The path of one registration. The cloud endpoint id is one path segment, percent-encoded exactly once: an Azure ARM
 * id (`/subscriptions/…`) becomes `%2Fsubscriptions%2F…`, as Atlas requires; encoding twice, or not at all, is a 404.
 */
export function registrationPath(projectId: string, provider: ProviderName, serviceId: string, endpointId: string) {
  return `${registrationsPath(projectId, provider, serviceId)}/${encodeURIComponent(endpointId)}`;
}

function isRecordBody(body: unknown): body is AtlasRegistration {
  return typeof body === "object" && body !== null && Object.keys(body).length > 0;
}

function authenticatorFor(credentials: AtlasCredentials, settings: TransportSettings): Authenticator {
  switch (credentials.kind) {
    case "api-key":
      return digestAuthenticator(credentials.publicKey, credentials.privateKey);
    case "access-token":
      return accessTokenAuthenticator(credentials.accessToken);
    case "service-account":
      return serviceAccountAuthenticator(
        () => fetchServiceAccountToken(credentials.clientId, credentials.clientSecret, settings),
        () => settings.clock.now(),
      );
  }
}
