import { EMULATOR_IDENTITY } from "../../../emulator";
import { digestAuthorization, parseChallenge } from "./digest";
import type { EmulatorControl } from "../../support/emulator-control";

/** The v2 media type. */
export const V2_ACCEPT = "application/vnd.atlas.2023-01-01+json";

/** An endpoint service body; which optional fields are present depends on the provider. */
export interface ServiceBody {
  readonly cloudProvider: string;
  readonly id: string;
  readonly regionName: string;
  readonly status: string;
  readonly errorMessage: string | null;
  readonly endpointServiceName?: string | null;
  readonly supportedRemoteRegions?: string[] | null;
  readonly privateLinkServiceName?: string | null;
  readonly privateLinkServiceResourceId?: string | null;
  readonly portMappingEnabled?: boolean;
  readonly serviceAttachmentNames?: string[];
}

/** An Atlas error body. */
export interface ErrorBody {
  readonly detail: string;
  readonly error: number;
  readonly errorCode: string;
  readonly parameters: unknown[] | null;
  readonly reason: string;
}

/** One `connectionStrings.privateEndpoint[]` entry. */
export interface PrivateEndpointBody {
  readonly connectionString: string;
  readonly endpoints: { endpointId: string; providerName: string; region: string }[];
  readonly srvConnectionString: string;
  readonly srvShardOptimizedConnectionString?: string;
  readonly type: string;
}

/** A cluster body (any version); the fields the tests read. */
export interface ClusterBody {
  readonly name: string;
  readonly clusterType: string;
  readonly stateName: string;
  readonly connectionStrings: {
    readonly awsPrivateLink?: Record<string, string>;
    readonly awsPrivateLinkSrv?: Record<string, string>;
    readonly privateEndpoint?: PrivateEndpointBody[];
    readonly standard?: string;
    readonly standardSrv?: string;
  };
}

/** A paged Atlas list (`/containers`). */
export interface PageBody {
  readonly links: unknown[];
  readonly results: Record<string, unknown>[];
  readonly totalCount: number;
}

/** An OAuth token endpoint answer (success or error fields). */
export interface OAuthBody {
  readonly access_token: string;
  readonly expires_in: number;
  readonly token_type: string;
  readonly error?: string;
}

/**
 * An answer, read in full. The typed views read `json` as the named shape without checking it: the tests' own
 * assertions do the checking.
 */
export interface AtlasAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON (`undefined` when it is not JSON). */
  readonly json: unknown;
  readonly service: ServiceBody;
  readonly services: ServiceBody[];
  readonly error: ErrorBody;
  readonly page: PageBody;
  readonly oauth: OAuthBody;
  readonly cluster: ClusterBody;
}

/** How a test client authenticates. */
export type TestCredentials =
  | { readonly kind: "digest"; readonly username: string; readonly password: string }
  | { readonly kind: "bearer"; readonly token: string }
  | { readonly kind: "none" };

/** Options of {@link atlasClient}. */
export interface TestClientOptions {
  readonly version?: "v1.0" | "v2";
  readonly credentials?: TestCredentials;
  readonly projectId?: string;
  /** Replaces the `Accept` header (v2 default: the versioned media type). */
  readonly accept?: string;
}

/** Fetches and reads the whole answer. */
export async function send(url: string, init: RequestInit = {}): Promise<AtlasAnswer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    headers: response.headers,
    text,
    json,
    service: json as ServiceBody,
    services: json as ServiceBody[],
    error: json as ErrorBody,
    page: json as PageBody,
    oauth: json as OAuthBody,
    cluster: json as ClusterBody,
  };
}

/**
 * A minimal Atlas client for the emulator tests, written apart from the provider's: digest with one challenge per
 * nonce and increasing `nc` afterwards (as real clients do), or a bearer token.
 */
export function atlasClient(baseUrl: string, options: TestClientOptions = {}) {
  const version = options.version ?? "v2";
  const credentials = options.credentials ?? {
    kind: "digest",
    username: EMULATOR_IDENTITY.apiKey.publicKey,
    password: EMULATOR_IDENTITY.apiKey.privateKey,
  };
  const projectId = options.projectId ?? EMULATOR_IDENTITY.projectId;
  const accept = options.accept ?? (version === "v2" ? V2_ACCEPT : "application/json");
  let nonce: string | undefined;
  let nc = 0;

  async function request(method: string, path: string, body?: unknown): Promise<AtlasAnswer> {
    const target = `/api/atlas/${version}${path}`;
    const headers: Record<string, string> = { Accept: accept };
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers["Content-Type"] = version === "v2" ? V2_ACCEPT : "application/json";
      init.body = typeof body === "string" ? body : JSON.stringify(body);
    }
    if (credentials.kind === "bearer") headers.Authorization = `Bearer ${credentials.token}`;
    if (credentials.kind !== "digest") return send(baseUrl + target, init);
    for (let attempt = 0; attempt < 2; attempt++) {
      if (nonce === undefined) {
        const challenge = await send(baseUrl + target, { method, headers: { Accept: accept } });
        nonce = parseChallenge(challenge.headers.get("www-authenticate")).nonce;
        nc = 0;
      }
      nc += 1;
      headers.Authorization = digestAuthorization({
        ...credentials,
        realm: "MMS Public API",
        nonce: nonce ?? "",
        method,
        uri: target,
        nc,
      });
      const answer = await send(baseUrl + target, init);
      if (answer.status !== 401 || answer.headers.get("www-authenticate") === null) return answer;
      nonce = parseChallenge(answer.headers.get("www-authenticate")).nonce;
      nc = 0;
      if (attempt === 1) return answer;
    }
    throw new Error("unreachable");
  }

  const group = `/groups/${projectId}`;
  return {
    request,
    create: (body: unknown) => request("POST", `${group}/privateEndpoint/endpointService`, body),
    update: (id: string, body: unknown) => request("PATCH", `${group}/privateEndpoint/endpointService/${id}`, body),
    list: (provider: string) => request("GET", `${group}/privateEndpoint/${provider}/endpointService`),
    get: (provider: string, id: string) => request("GET", `${group}/privateEndpoint/${provider}/endpointService/${id}`),
    remove: (provider: string, id: string) =>
      request("DELETE", `${group}/privateEndpoint/${provider}/endpointService/${id}`),
    containers: (provider: string) => request("GET", `${group}/containers?providerName=${provider}`),
    /** Registers a cloud endpoint with service `serviceId`. */
    register: (provider: string, serviceId: string, body: unknown) =>
      request("POST", `${group}/privateEndpoint/${provider}/endpointService/${serviceId}/endpoint`, body),
    /** `GET …/clusters` with `query` (`?itemsPerPage=1`) as given. */
    clusters: (query = "") => request("GET", `${group}/clusters${query}`),
    cluster: (name: string) => request("GET", `${group}/clusters/${name}`),
    regionalMode: () => request("GET", `${group}/privateEndpoint/regionalMode`),
    setRegionalMode: (body: unknown) => request("PATCH", `${group}/privateEndpoint/regionalMode`, body),
    /** `endpointSegment` goes into the path as given: encode Azure ids first (see {@link endpointSegment}). */
    registration: (provider: string, serviceId: string, endpointSegment: string) =>
      request("GET", `${group}/privateEndpoint/${provider}/endpointService/${serviceId}/endpoint/${endpointSegment}`),
    unregister: (provider: string, serviceId: string, endpointSegment: string) =>
      request(
        "DELETE",
        `${group}/privateEndpoint/${provider}/endpointService/${serviceId}/endpoint/${endpointSegment}`,
      ),
  };
}

/** A cloud endpoint id as one path segment, as the Go SDK sends it (`url.PathEscape`: `/` → `%2F`, `(` → `%28`). */
export function endpointSegment(id: string): string {
  return encodeURIComponent(id).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The client type. */
export type AtlasTestClient = ReturnType<typeof atlasClient>;

/**
 * Resets the emulator and spends the digest challenge up front with a fresh client, so a test sees only the requests
 * it makes.
 */
export async function resetWithClient(ctl: EmulatorControl, baseUrl: string): Promise<AtlasTestClient> {
  await ctl.reset();
  const atlas = atlasClient(baseUrl);
  await atlas.list("GCP");
  await ctl.clearRequests();
  return atlas;
}
