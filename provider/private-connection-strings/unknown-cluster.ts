import { isAtlasApiError } from "../atlas/errors";
import type { AtlasCluster } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import { errorText } from "../lifecycle/text";

/** Atlas' code for a cluster name the project does not have. */
export const CLUSTER_NOT_FOUND = "CLUSTER_NOT_FOUND";

/**
 * Reads the cluster the resource is about. A cluster the project does not have is a mistake to fix, not something to
 * wait for: the error names the project's clusters (one more request for up to 500 of them).
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
    names = (await context.client.listAllClusters(projectId)).map((cluster) => cluster.name);
  } catch (error) {
    return `listing the project's clusters failed too (${errorText(error)}).`;
  }
  if (names.length === 0) return "the project has no clusters.";
  const sameButCase = names.find((name) => name.toLowerCase() === clusterName.toLowerCase());
  const hint = sameButCase === undefined ? "" : ` (did you mean ${sameButCase}?)`;
  return `its clusters are ${names.join(", ")}${hint}.`;
}
