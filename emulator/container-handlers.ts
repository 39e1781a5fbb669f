import { isProviderName } from "../regions/regions";
import type { AtlasCall } from "./atlas-call";
import { atlasError } from "./atlas-error";
import { atlasOk, type AtlasResult } from "./atlas-result";
import { toContainerView } from "./network-container";

/** `GET /groups/{groupId}/containers?providerName=AWS` → 200, a paged list (`providerName` defaults to AWS). */
export function listContainers(call: AtlasCall): AtlasResult {
  const provider = call.query.get("providerName") ?? "AWS";
  if (!isProviderName(provider)) return atlasError("INVALID_PROVIDER", [provider]);
  const results = call.state.store.containers(call.projectId, provider).map(toContainerView);
  return atlasOk(200, { links: [], results, totalCount: results.length });
}
