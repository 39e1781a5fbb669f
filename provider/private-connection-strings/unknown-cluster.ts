import { MAX_CLUSTERS_PER_PAGE } from "../atlas/client";
import { isAtlasApiError } from "../atlas/errors";
import type { AtlasCluster } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { errorText } from "../lifecycle/text";

/** Atlas' code for a cluster name the project does not have. */
export const CLUSTER_NOT_FOUND = "CLUSTER_NOT_FOUND";
/** Pages of the cluster list read to name a project's clusters: 5,000 clusters, beyond any project's. */
const MAX_PAGES = 10;

/**
 * Reads the cluster the resource is about. A cluster the project does not have is a mistake to fix, not something to
 * wait for: the error names the project's clusters (one more request, a page of 500 names).
 */
export async function readClusterOrExplain(
  context: OperationContext,
  projectId: string,
  clusterName: string,
): Promise<AtlasCluster> {
  try {
    return await context.client.getCluster(projectId, clusterName);
  } catch (error) {
    if (!isAtlasApiError(error) || error.errorCode !== CLUSTER_NOT_FOUND) throw error;
    throw new Error(
      `Atlas has no cluster named ${JSON.stringify(clusterName)} in project ${projectId} (404 ${CLUSTER_NOT_FOUND}); ${await clustersSentence(context, projectId, clusterName)} Nothing was created; set clusterName to the cluster's name as Atlas shows it.`,
      { cause: error },
    );
  }
}

async function clustersSentence(context: OperationContext, projectId: string, clusterName: string): Promise<string> {
  let names: string[];
  try {
    names = await projectClusterNames(context, projectId);
  } catch (error) {
    return `listing the project's clusters failed too (${errorText(error)}).`;
  }
  if (names.length === 0) return "the project has no clusters.";
  const sameButCase = names.find((name) => name.toLowerCase() === clusterName.toLowerCase());
  const hint = sameButCase === undefined ? "" : ` (did you mean ${sameButCase}?)`;
  return `its clusters are ${names.join(", ")}${hint}.`;
}

/** The names of the project's clusters, every page. */
async function projectClusterNames(context: OperationContext, projectId: string): Promise<string[]> {
  const names: string[] = [];
  for (let pageNum = 1; pageNum <= MAX_PAGES; pageNum++) {
    const page = await context.client.listClusters(projectId, pageNum, MAX_CLUSTERS_PER_PAGE);
    names.push(...page.results.map((cluster) => cluster.name));
    const total = page.totalCount ?? names.length;
    if (page.results.length < MAX_CLUSTERS_PER_PAGE || names.length >= total) break;
  }
  return names;
}
