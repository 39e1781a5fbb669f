import type { AtlasCall } from "./atlas-call";
import { atlasError } from "./atlas-error";
import { atlasOk, type AtlasResult } from "./atlas-result";
import { clusterPhase } from "./cluster-publishing";
import type { ClusterRecord } from "./cluster-record";
import { toClusterView, type ClusterShape } from "./cluster-view";

/** Paging of `GET …/clusters`, as the spec has it. */
const ITEMS_PER_PAGE = { default: 100, max: 500 } as const;

/** `GET /groups/{groupId}/clusters/{clusterName}` → 200 with the cluster, or 404 `CLUSTER_NOT_FOUND` (recorded body). */
export function getCluster(call: AtlasCall): AtlasResult {
  let name: string;
  try {
    name = decodeURIComponent(call.params.clusterName ?? "");
  } catch {
    return atlasError("RESOURCE_NOT_FOUND", [call.path]);
  }
  const cluster = call.state.store.cluster(call.projectId, name);
  if (cluster === undefined) return atlasError("CLUSTER_NOT_FOUND", [name, call.projectId]);
  return atlasOk(200, clusterView(call, cluster));
}

/**
 * `GET /groups/{groupId}/clusters` → 200, a page of the project's clusters in the order they were declared:
 * `{links, results, totalCount}` (`totalCount` left out with `includeCount=false`). The `self` link spells every paging
 * parameter, as recorded; `previous`/`next` links appear where there is such a page (their order was never recorded).
 */
export function listClusters(call: AtlasCall): AtlasResult {
  const itemsPerPage = integerParam(call.query, "itemsPerPage", ITEMS_PER_PAGE.default, ITEMS_PER_PAGE.max);
  if (typeof itemsPerPage !== "number") return itemsPerPage;
  const pageNum = integerParam(call.query, "pageNum", 1, Number.MAX_SAFE_INTEGER);
  if (typeof pageNum !== "number") return pageNum;
  const includeCount = booleanParam(call.query, "includeCount", true);
  if (typeof includeCount !== "boolean") return includeCount;
  const includeDeleted = booleanParam(call.query, "includeDeletedWithRetainedBackups", false);
  if (typeof includeDeleted !== "boolean") return includeDeleted;

  const clusters = call.state.store.clusters(call.projectId);
  const results = clusters.slice((pageNum - 1) * itemsPerPage, pageNum * itemsPerPage).map((c) => clusterView(call, c));
  const href = (page: number): string =>
    `${call.origin}${apiPrefix(call)}/groups/${call.projectId}/clusters?includeCount=${includeCount}` +
    `&includeDeletedWithRetainedBackups=${includeDeleted}&pageNum=${page}&itemsPerPage=${itemsPerPage}`;
  const links = [
    ...(pageNum > 1 ? [{ href: href(pageNum - 1), rel: "previous" }] : []),
    { href: href(pageNum), rel: "self" },
    ...(pageNum * itemsPerPage < clusters.length ? [{ href: href(pageNum + 1), rel: "next" }] : []),
  ];
  return atlasOk(200, { links, results, ...(includeCount ? { totalCount: clusters.length } : {}) });
}

/** A cluster as this call's version shows it now. */
export function clusterView(call: AtlasCall, cluster: ClusterRecord): Record<string, unknown> {
  const { state } = call;
  const phase = clusterPhase(state.store, cluster, call.now, cluster.updateMs ?? state.clusterUpdateMs());
  return toClusterView(shapeFor(call), cluster, phase, { origin: call.origin, apiPrefix: apiPrefix(call) });
}

function shapeFor(call: AtlasCall): ClusterShape {
  if (call.versionDate === "2024-08-05") return "2024-08-05";
  if (call.versionDate === "2023-02-01") return "2023-02-01";
  return "legacy";
}

function apiPrefix(call: AtlasCall): string {
  return `/api/atlas/${call.version}`;
}

/** An integer query parameter from 1 to `max`; anything else is a 400 `INVALID_QUERY_PARAMETER` (code documented, answer never recorded). */
function integerParam(query: URLSearchParams, name: string, fallback: number, max: number): number | AtlasResult {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > max) return atlasError("INVALID_QUERY_PARAMETER", [name]);
  return value;
}

function booleanParam(query: URLSearchParams, name: string, fallback: boolean): boolean | AtlasResult {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const lower = raw.toLowerCase();
  if (lower !== "true" && lower !== "false") return atlasError("INVALID_QUERY_PARAMETER", [name]);
  return lower === "true";
}
