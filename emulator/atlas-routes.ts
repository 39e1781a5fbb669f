import type { AtlasCall } from "./atlas-call";
import { atlasError } from "./atlas-error";
import {
  acceptedVersionDates,
  DEFAULT_VERSION_DATE,
  formatAtlasReply,
  queryFlag,
  type AtlasReplyFormat,
  type AtlasVersion,
} from "./atlas-reply";
import type { AtlasResult } from "./atlas-result";
import { authenticate } from "./authenticate";
import { getCluster, listClusters } from "./cluster-handlers";
import { listContainers } from "./container-handlers";
import type { ProjectRole } from "./emulator-identity";
import type { EmulatorState } from "./emulator-state";
import {
  createEndpointService,
  deleteEndpointService,
  getEndpointService,
  listEndpointServices,
  updateEndpointService,
} from "./endpoint-service-handlers";
import type { Reply } from "./http-reply";
import { createRegistration, deleteRegistration, getRegistration } from "./registration-handlers";
import type { IncomingCall } from "./incoming-call";
import { getRegionalMode, updateRegionalMode } from "./regional-mode-handlers";

/** Default capacity reported in `RateLimit-*` headers when no limit is configured (the recorded endpoint-set limit). */
const REPORTED_CAPACITY = 4000;
/** Refill of the reported-only bucket: slow, so `RateLimit-Remaining` visibly counts down in a run. */
const REPORTED_REFILL_PER_SECOND = 1;

/** The v2 version dates of a route, each with the headers its successful answers carry. */
type RouteVersions = Readonly<Record<string, Readonly<Record<string, string>>>>;

interface AtlasRoute {
  readonly method: string;
  readonly pattern: RegExp;
  /** The least role that may call it. */
  readonly role: ProjectRole;
  readonly versions: RouteVersions;
  readonly handle: (call: AtlasCall) => AtlasResult;
}

/** The private endpoint operations have one version. */
const ONLY_2023_01_01: RouteVersions = { [DEFAULT_VERSION_DATE]: {} };

/** The cluster reads (facts file §1); 2023-02-01 answers carry the recorded deprecation headers. */
const CLUSTER_VERSIONS: RouteVersions = {
  "2023-01-01": {},
  "2023-02-01": { Deprecation: "Mon, 5 Aug 2024 00:00:00 GMT", Sunset: "Thu, 1 Jul 2027 00:00:00 GMT" },
  "2024-08-05": {},
};

/** `{name}` segments become named groups matching one path segment. */
function route(
  method: string,
  template: string,
  role: ProjectRole,
  handle: (call: AtlasCall) => AtlasResult,
  versions: RouteVersions = ONLY_2023_01_01,
): AtlasRoute {
  const source = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, "(?<$1>[^/]+)");
  return { method, pattern: new RegExp(`^${source}$`), role, versions, handle };
}

/** Registrations of cloud endpoints with a service ("interface endpoints"); `{endpointId}` is one encoded segment. */
const REGISTRATIONS = "/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService/{endpointServiceId}/endpoint";

/** Every Atlas operation served, relative to `/api/atlas/v1.0` and `/api/atlas/v2`. */
const ROUTES: readonly AtlasRoute[] = [
  route("POST", "/groups/{groupId}/privateEndpoint/endpointService", "GROUP_OWNER", createEndpointService),
  route(
    "PATCH",
    "/groups/{groupId}/privateEndpoint/endpointService/{endpointServiceId}",
    "GROUP_OWNER",
    updateEndpointService,
  ),
  route(
    "GET",
    "/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService",
    "GROUP_READ_ONLY",
    listEndpointServices,
  ),
  route(
    "GET",
    "/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService/{endpointServiceId}",
    "GROUP_READ_ONLY",
    getEndpointService,
  ),
  route(
    "DELETE",
    "/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService/{endpointServiceId}",
    "GROUP_OWNER",
    deleteEndpointService,
  ),
  route("POST", REGISTRATIONS, "GROUP_OWNER", createRegistration),
  route("GET", `${REGISTRATIONS}/{endpointId}`, "GROUP_READ_ONLY", getRegistration),
  route("DELETE", `${REGISTRATIONS}/{endpointId}`, "GROUP_OWNER", deleteRegistration),
  route("GET", "/groups/{groupId}/containers", "GROUP_READ_ONLY", listContainers),
  route("GET", "/groups/{groupId}/privateEndpoint/regionalMode", "GROUP_READ_ONLY", getRegionalMode),
  route("PATCH", "/groups/{groupId}/privateEndpoint/regionalMode", "GROUP_OWNER", updateRegionalMode),
  route("GET", "/groups/{groupId}/clusters", "GROUP_READ_ONLY", listClusters, CLUSTER_VERSIONS),
  route("GET", "/groups/{groupId}/clusters/{clusterName}", "GROUP_READ_ONLY", getCluster, CLUSTER_VERSIONS),
];

const ATLAS_PREFIX = /^\/api\/atlas\/(v1\.0|v2)(\/.*)$/;

/** True for paths this module answers. */
export function isAtlasPath(pathname: string): boolean {
  return ATLAS_PREFIX.test(pathname);
}

/** A request past Atlas' checks, with its operation still to run; or the answer that refused it. */
export type Admission = { readonly ok: true; run(): Reply } | { readonly ok: false; readonly reply: Reply };

/** Answers an Atlas API call: {@link admitAtlasCall}, then its operation. */
export function handleAtlasCall(state: EmulatorState, call: IncomingCall): Reply {
  const admission = admitAtlasCall(state, call);
  return admission.ok ? admission.run() : admission.reply;
}

/**
 * Runs Atlas' checks in Atlas' order: authentication, route (an unknown one is a 404 whatever the `Accept` header),
 * version (v2 `Accept`: one of the route's version dates, else 406), project id shape, project existence, rate limit,
 * role. Answers the refusal, or the operation to run; the operation reads the clock when it runs, so a write held back
 * by a fault (`landsAfter`) happens at the time it lands.
 */
export function admitAtlasCall(state: EmulatorState, call: IncomingCall): Admission {
  const refuse = (reply: Reply): Admission => ({ ok: false, reply });
  const [, version = "v2", rest = ""] = ATLAS_PREFIX.exec(call.url.pathname) ?? [];
  const auth = authenticate(state, call.method, call.target, call.headers.authorization);
  if (!auth.ok) return refuse(auth.reply);
  const format: AtlasReplyFormat = {
    version: version as AtlasVersion,
    envelope: queryFlag(call.url.searchParams, "envelope"),
    pretty: queryFlag(call.url.searchParams, "pretty"),
  };
  const answer = (result: AtlasResult, extra: Partial<AtlasReplyFormat> = {}): Reply =>
    formatAtlasReply(result, { ...format, ...extra });

  const matched = matchRoute(call.method, rest);
  if (matched === undefined) return refuse(answer(atlasError("RESOURCE_NOT_FOUND", [call.url.pathname])));

  let versionDate: string | null = null;
  if (version === "v2") {
    const asked = acceptedVersionDates(String(call.headers.accept ?? ""));
    versionDate = asked.find((date) => Object.hasOwn(matched.route.versions, date)) ?? null;
    if (versionDate === null) return refuse(answer(atlasError("INVALID_VERSION_DATE")));
  }

  const projectId = matched.params.groupId ?? "";
  if (!/^[0-9a-f]{24}$/.test(projectId)) return refuse(answer(atlasError("INVALID_GROUP_ID", [projectId])));
  if (!state.identity.projects.has(projectId)) return refuse(answer(atlasError("GROUP_NOT_FOUND", [projectId])));

  const configured = state.settings.rateLimit;
  const limits = configured ?? { capacity: REPORTED_CAPACITY, refillPerSecond: REPORTED_REFILL_PER_SECOND };
  const take = state.projectBuckets.take(projectId, limits, state.now());
  const rateLimitHeaders = { "RateLimit-Limit": String(take.limit), "RateLimit-Remaining": String(take.remaining) };
  if (!take.allowed && configured !== null) {
    return refuse(
      answer(
        atlasError("RATE_LIMITED_TOKEN_BUCKET", [], { headers: { "Retry-After": String(take.retryAfterSeconds) } }),
        { rateLimitHeaders },
      ),
    );
  }

  const role = auth.principal.roles[projectId];
  if (role === undefined) return refuse(answer(atlasError("NOT_IN_GROUP"), { rateLimitHeaders }));
  if (matched.route.role === "GROUP_OWNER" && role !== "GROUP_OWNER") {
    return refuse(answer(atlasError("USER_UNAUTHORIZED"), { rateLimitHeaders }));
  }
  return {
    ok: true,
    run: () => {
      const result = matched.route.handle({
        state,
        projectId,
        path: call.url.pathname,
        params: matched.params,
        query: call.url.searchParams,
        body: call.body,
        now: state.now(),
        version: version as AtlasVersion,
        versionDate,
        origin: `http://${call.headers.host ?? "127.0.0.1"}`,
      });
      const versionHeaders = versionDate === null ? {} : (matched.route.versions[versionDate] ?? {});
      const succeeded = result.errorCode === undefined;
      return answer(succeeded ? { ...result, headers: { ...versionHeaders, ...result.headers } } : result, {
        rateLimitHeaders,
        ...(versionDate === null ? {} : { versionDate }),
      });
    },
  };
}

function matchRoute(method: string, path: string): { route: AtlasRoute; params: Record<string, string> } | undefined {
  for (const r of ROUTES) {
    const m = r.method === method ? r.pattern.exec(path) : null;
    if (m !== null) return { route: r, params: { ...m.groups } };
  }
  return undefined;
}
